"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Info } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { Skeleton } from "@/components/ui/skeleton";
import { ErrorState } from "@/components/shared/error-state";
import { FormShell, NumberField, PendingButton, SwitchField } from "@/components/shared/form-fields";
import { Notice } from "@/components/shared/notice";
import { SectionCard } from "@/components/shared/section-card";
import { useFormError } from "@/components/shared/use-form-error";
import { useFormSaved } from "@/components/shared/use-form-saved";
import { useMyRole } from "@/components/shared/use-members";
import { useNotificationSettings, useUpdateNotificationSettings } from "@/lib/api/hooks/notifications";
import { isApiError } from "@/lib/api/problem";
import type { NotificationSettings as Settings } from "@/lib/api/types";
import { notificationsSchema, type NotificationValues } from "@/lib/validation";
import { useCurrentTenant } from "@/stores/session";

const fields = ["handoff", "waiting", "lead", "wait_alert_minutes"] as const;

/**
 * The member's own e-mails (three switches) and the business's wait time, which only admins and
 * the owner change (an agent sees it, read-only). Saved together: PUT takes all four.
 */
function NotificationForm({ settings, canEditWait }: { settings: Settings; canEditWait: boolean }) {
  const t = useTranslations("settings.notifications");
  const common = useTranslations("common");
  const update = useUpdateNotificationSettings();
  const form = useForm<NotificationValues>({ resolver: zodResolver(notificationsSchema), defaultValues: settings });
  const onError = useFormError(form, fields);
  const onSaved = useFormSaved(form);

  function onSubmit(values: NotificationValues) {
    // An agent sends the business's time as it was read: only admins and the owner change it.
    const body = canEditWait ? values : { ...values, wait_alert_minutes: settings.wait_alert_minutes };
    update.mutate(body, {
      onSuccess: onSaved,
      onError: (error) => {
        if (isApiError(error) && error.status === 403) {
          form.setError("root", { type: "server", message: t("forbidden") });
        } else if (isApiError(error) && error.errors.some((e) => e.field === "wait_alert_minutes")) {
          form.setError("wait_alert_minutes", { type: "server", message: "waitMinutes" });
        } else {
          onError(error);
        }
      },
    });
  }

  return (
    <FormShell form={form} onSubmit={onSubmit} testId="notification-form">
      <fieldset className="space-y-3">
        <legend className="mb-3 text-sm font-medium">{t("emailsLegend")}</legend>
        <SwitchField control={form.control} name="handoff" label={t("handoff")} description={t("handoffHint")} data-testid="notify-handoff" />
        <SwitchField control={form.control} name="waiting" label={t("waiting")} description={t("waitingHint")} data-testid="notify-waiting" />
        <SwitchField control={form.control} name="lead" label={t("lead")} description={t("leadHint")} data-testid="notify-lead" />
      </fieldset>
      <NumberField
        control={form.control}
        name="wait_alert_minutes"
        label={t("waitMinutes")}
        description={canEditWait ? t("waitHint") : `${t("waitHint")} ${t("waitAgentHint")}`}
        min={0}
        max={1440}
        step={1}
        readOnly={!canEditWait}
        className="w-32 read-only:bg-muted"
        data-testid="notify-wait-minutes"
      />
      <PendingButton pending={update.isPending} data-testid="notify-save">
        {common("save")}
      </PendingButton>
    </FormShell>
  );
}

/**
 * Settings → Bildirimler: which e-mails the member gets about the inbox, and (admins) how long a
 * handed-off customer may wait for a person before the team is reminded.
 */
export function NotificationSettings() {
  const t = useTranslations("settings.notifications");
  const tenant = useCurrentTenant();
  const role = useMyRole();
  const settings = useNotificationSettings();

  return (
    <div className="grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-6" data-testid="notification-settings">
      <SectionCard title={t("title")} subtitle={t("subtitle")} contentClassName="space-y-6">
        <Notice tone="info" icon={Info} role="note">
          <span>{t("howItWorks")}</span>
        </Notice>
        {settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
        ) : !settings.data || !tenant ? (
          <Skeleton className="h-80 w-full rounded-xl" />
        ) : (
          <NotificationForm key={tenant.id} settings={settings.data} canEditWait={role === "admin" || role === "owner"} />
        )}
      </SectionCard>
    </div>
  );
}
