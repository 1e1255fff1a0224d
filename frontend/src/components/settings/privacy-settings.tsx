"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { Download, ScrollText, ShieldAlert, ShieldCheck, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { EmailField, FormShell, PendingButton, SelectField, TextField } from "@/components/shared/form-fields";
import { Notice } from "@/components/shared/notice";
import { SectionCard } from "@/components/shared/section-card";
import { useFormError } from "@/components/shared/use-form-error";
import { useFormSaved } from "@/components/shared/use-form-saved";
import { useMembers } from "@/components/shared/use-members";
import {
  type Contact,
  useEraseContact,
  useExportContact,
  usePrivacyAudit,
  usePrivacySettings,
  useUpdatePrivacySettings,
} from "@/lib/api/hooks/privacy";
import type { PrivacyAuditLine, PrivacySettings as Settings } from "@/lib/api/types";
import { withCurrent } from "@/lib/choices";
import { contactSchema, type ContactValues, retentionSchema, type RetentionValues } from "@/lib/validation";

/** The retention periods offered, in months (0 keeps conversations until they are deleted). */
const retentionChoices = [0, 6, 12, 24, 36, 60] as const;

/** The request's body: only what was typed (both are trimmed by the schema). */
function contactOf(values: ContactValues): Contact {
  return { phone: values.phone || undefined, email: values.email || undefined };
}

/** "3 konuşma, 12 mesaj, 1 müşteri adayı, 1 randevu": what an erasure removed. */
function useErasedCounts() {
  const t = useTranslations("settings.privacy");
  return (erased: PrivacyAuditLine["erased"]) => t("counts", erased);
}

/**
 * A data subject's request: their phone and/or e-mail, then a download of everything held about
 * them, or (confirmed in a dialog) its erasure in every bot.
 */
function ContactRequestForm() {
  const t = useTranslations("settings.privacy.request");
  const privacy = useTranslations("settings.privacy");
  const counts = useErasedCounts();
  const exportContact = useExportContact();
  const erase = useEraseContact();
  const form = useForm<ContactValues>({ resolver: zodResolver(contactSchema), defaultValues: { phone: "", email: "" } });
  const onError = useFormError(form, ["phone", "email"]);
  // The contact to erase, once the form is valid, while the dialog asks.
  const [erasing, setErasing] = useState<Contact | null>(null);

  function onExport(values: ContactValues) {
    exportContact.mutate(contactOf(values), { onSuccess: () => toast.success(t("exported")), onError });
  }

  function onErase() {
    if (!erasing) return;
    erase.mutate(erasing, {
      onSuccess: (line) => {
        toast.success(privacy("erased", { counts: counts(line.erased) }));
        setErasing(null);
        form.reset({ phone: "", email: "" });
      },
      onError: (error) => {
        setErasing(null);
        onError(error);
      },
    });
  }

  return (
    <>
      <FormShell form={form} onSubmit={onExport} testId="privacy-form">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            control={form.control}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="off"
            maxLength={40}
            label={t("phone")}
            placeholder={t("phonePlaceholder")}
            description={t("phoneHint")}
            data-testid="privacy-phone"
          />
          <EmailField
            control={form.control}
            name="email"
            autoComplete="off"
            maxLength={254}
            label={t("email")}
            placeholder={t("emailPlaceholder")}
            data-testid="privacy-email"
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <PendingButton pending={exportContact.isPending} idleIcon={<Download />} variant="outline" data-testid="privacy-export">
            {t("export")}
          </PendingButton>
          <Button
            type="button"
            variant="destructive"
            onClick={form.handleSubmit((values) => setErasing(contactOf(values)))}
            disabled={erase.isPending}
            data-testid="privacy-erase"
          >
            <Trash2 /> {t("erase")}
          </Button>
        </div>
      </FormShell>
      <ConfirmDialog
        open={erasing !== null}
        onOpenChange={(open) => !open && setErasing(null)}
        title={t("confirmTitle")}
        description={t("confirmBody", { contact: [erasing?.phone, erasing?.email].filter(Boolean).join(" · ") })}
        confirmLabel={t("confirm")}
        pending={erase.isPending}
        onConfirm={onErase}
        confirmTestId="privacy-erase-confirm"
      />
    </>
  );
}

/** The retention period: a select (plus the stored value when it is not a choice) and a save button. */
function RetentionForm({ settings }: { settings: Settings }) {
  const t = useTranslations("settings.privacy.retention");
  const common = useTranslations("common");
  const update = useUpdatePrivacySettings();
  const form = useForm<RetentionValues>({ resolver: zodResolver(retentionSchema), defaultValues: settings });
  const onError = useFormError(form, ["retention_months"]);
  const onSaved = useFormSaved(form);
  const options = withCurrent(retentionChoices, settings.retention_months).map((months) => ({
    value: months,
    label: months === 0 ? t("forever") : t("months", { count: months }),
  }));

  return (
    <FormShell form={form} onSubmit={(values) => update.mutate(values, { onSuccess: onSaved, onError })} testId="retention-form">
      <SelectField
        control={form.control}
        name="retention_months"
        label={t("label")}
        description={t("hint")}
        options={options}
        className="sm:max-w-xs"
        data-testid="retention-select"
      />
      <PendingButton pending={update.isPending} data-testid="retention-save">
        {common("save")}
      </PendingButton>
    </FormShell>
  );
}

/** How long conversations are kept before the hourly sweep erases them. */
function RetentionSettings() {
  const t = useTranslations("settings.privacy.retention");
  const settings = usePrivacySettings();
  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")}>
      <div data-testid="retention-settings">
        {settings.isError ? (
          <ErrorState error={settings.error} onRetry={() => settings.refetch()} />
        ) : !settings.data ? (
          <Skeleton className="h-32 w-full rounded-xl" />
        ) : (
          <RetentionForm settings={settings.data} />
        )}
      </div>
    </SectionCard>
  );
}

/** One line of the privacy log: when, who, what, how much; the contact only as a hashed reference. */
function AuditItem({ line, nameOf }: { line: PrivacyAuditLine; nameOf: (userId: string) => string }) {
  const t = useTranslations("settings.privacy.audit");
  const format = useFormatter();
  const counts = useErasedCounts();
  return (
    <li className="space-y-1 px-4 py-3" data-testid="privacy-audit-item">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <p className="text-sm font-medium">{t(`actions.${line.action}`)}</p>
        <time dateTime={line.at} className="text-xs text-muted-foreground">
          {format.dateTime(new Date(line.at), { dateStyle: "medium", timeStyle: "short" })}
        </time>
      </div>
      <p className="text-sm text-muted-foreground">
        {t("by", { name: nameOf(line.user_id) })} · {counts(line.erased)}
      </p>
      <p className="text-xs text-muted-foreground">
        {t("subject")} <code className="font-mono break-all">{line.subject}</code>
      </p>
    </li>
  );
}

/** The privacy log: every erasure, newest first. */
function PrivacyAudit() {
  const t = useTranslations("settings.privacy.audit");
  const audit = usePrivacyAudit();
  const { nameById } = useMembers();
  const nameOf = (userId: string) => nameById(userId) ?? t("formerMember");
  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")}>
      <div data-testid="privacy-audit">
        {audit.isError ? (
          <ErrorState error={audit.error} onRetry={() => audit.refetch()} />
        ) : !audit.data ? (
          <Skeleton className="h-32 w-full rounded-xl" />
        ) : audit.data.length === 0 ? (
          <EmptyState icon={ScrollText} title={t("empty")} description={t("emptyHint")} className="py-10" />
        ) : (
          <ul className="divide-y rounded-xl border">
            {audit.data.map((line) => (
              <AuditItem key={line.id} line={line} nameOf={nameOf} />
            ))}
          </ul>
        )}
      </div>
    </SectionCard>
  );
}

/**
 * Settings → Gizlilik: answering a data subject's KVKK request (a download of their data, or its
 * erasure everywhere), how long conversations are kept, and the log of erasures. Admins and the owner; an agent reads who to ask.
 */
export function PrivacySettings({ canManage }: { canManage: boolean }) {
  const t = useTranslations("settings.privacy");
  if (!canManage) {
    return (
      <div className="max-w-3xl" data-testid="privacy-settings">
        <Notice tone="warning" icon={ShieldAlert} role="note" testId="privacy-admins-only">
          <span>{t("adminsOnly")}</span>
        </Notice>
      </div>
    );
  }
  return (
    <div className="grid max-w-4xl grid-cols-[minmax(0,1fr)] gap-6" data-testid="privacy-settings">
      <SectionCard title={t("request.title")} subtitle={t("request.subtitle")} contentClassName="space-y-6">
        <Notice tone="info" icon={ShieldCheck} role="note">
          <span>{t("kvkk")}</span>
        </Notice>
        <ContactRequestForm />
      </SectionCard>
      <RetentionSettings />
      <PrivacyAudit />
    </div>
  );
}
