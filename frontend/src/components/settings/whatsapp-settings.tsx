"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { CheckCircle2, Loader2, MailWarning, MessageCircle, PlugZap, Trash2, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { CopyButton } from "@/components/shared/copy-button";
import { FacebookConnect } from "@/components/settings/facebook-connect";
import { EmptyState } from "@/components/shared/empty-state";
import { Notice } from "@/components/shared/notice";
import { ErrorState } from "@/components/shared/error-state";
import { FormShell, PasswordField, PendingButton, TextField } from "@/components/shared/form-fields";
import { SectionCard } from "@/components/shared/section-card";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useFormError } from "@/components/shared/use-form-error";
import { useBots } from "@/lib/api/hooks/bots";
import {
  useDeleteWhatsAppIntegration,
  useSaveWhatsAppIntegration,
  useTestWhatsAppIntegration,
  useWhatsAppIntegration,
} from "@/lib/api/hooks/whatsapp";
import type { WhatsAppIntegration, WhatsAppTestResult } from "@/lib/api/types";
import { whatsappSchema, type WhatsAppValues } from "@/lib/validation";
import { useCurrentTenant, useSessionStore } from "@/stores/session";

/** Meta's own pages for each step of the manual connection. */
const HELP_LINKS = [
  ["linkApps", "https://developers.facebook.com/apps/"],
  ["linkGetStarted", "https://developers.facebook.com/docs/whatsapp/cloud-api/get-started"],
  ["linkSystemUsers", "https://business.facebook.com/settings/system-users"],
  ["linkWebhooks", "https://developers.facebook.com/docs/whatsapp/cloud-api/guides/set-up-webhooks"],
] as const;

const fieldNames = ["phone_number_id", "business_account_id", "access_token", "app_secret", "webhook_verify_token"] as const;

function CopyRow({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="grid grid-cols-1 gap-1.5">
      <Label>{label}</Label>
      <div className="flex items-center gap-2">
        <code className="min-w-0 flex-1 truncate rounded-lg bg-muted px-3 py-2 font-mono text-xs" data-testid={testId}>
          {value}
        </code>
        <CopyButton value={value} size="icon" label={label} />
      </div>
    </div>
  );
}

function Connected({ integration, botId }: { integration: WhatsAppIntegration; botId: string }) {
  const t = useTranslations("settings.whatsapp");
  const message = useErrorMessage();
  const test = useTestWhatsAppIntegration(botId);
  const remove = useDeleteWhatsAppIntegration(botId);
  const [result, setResult] = useState<WhatsAppTestResult | null>(null);
  const [confirm, setConfirm] = useState(false);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-lg">
          {t("connectedTitle")} <Badge variant="success">{t("connected")}</Badge>
        </CardTitle>
        <CardDescription>{t("connectedSubtitle")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        <CopyRow label={t("webhookUrl")} value={integration.webhook_url} testId="webhook-url" />
        <CopyRow label={t("verifyToken")} value={integration.verify_token} testId="verify-token" />
        <dl className="grid grid-cols-2 gap-3 text-sm">
          <dt className="text-muted-foreground">{t("fields.phoneNumberId")}</dt>
          <dd className="text-right font-mono">{integration.phone_number_id}</dd>
          <dt className="text-muted-foreground">{t("fields.businessAccountId")}</dt>
          <dd className="text-right font-mono">{integration.business_account_id}</dd>
          <dt className="text-muted-foreground">{t("fields.accessToken")}</dt>
          <dd className="text-right font-mono">{integration.access_token_last4}</dd>
          <dt className="text-muted-foreground">{t("fields.appSecret")}</dt>
          <dd className="text-right font-mono">{integration.app_secret_last4 ?? t("notSet")}</dd>
        </dl>
        {result && (
          <Notice
            tone={result.ok ? "success" : "error"}
            icon={result.ok ? CheckCircle2 : XCircle}
            role="status"
            testId="whatsapp-test-result"
          >
            <span>
              {result.ok
                ? t("testOk", { name: result.verified_name ?? "—", phone: result.display_phone_number ?? "—" })
                : t("testFailed", { code: result.error?.code ?? 0, message: result.error?.message ?? "" })}
            </span>
          </Notice>
        )}
        <div className="flex flex-wrap gap-2">
          <Button
            variant="outline"
            disabled={test.isPending}
            onClick={() => test.mutate(undefined, { onSuccess: setResult, onError: (error) => toast.error(message(error)) })}
            data-testid="whatsapp-test"
          >
            {test.isPending ? <Loader2 className="animate-spin" /> : <PlugZap />} {t("test")}
          </Button>
          <Button variant="ghost" className="text-destructive hover:text-destructive" onClick={() => setConfirm(true)}>
            <Trash2 /> {t("disconnect")}
          </Button>
        </div>
      </CardContent>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        title={t("disconnectTitle")}
        description={t("disconnectBody")}
        confirmLabel={t("disconnect")}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirm(false);
              toast.success(t("disconnected"));
            },
            onError: (error) => toast.error(message(error)),
          })
        }
      />
    </Card>
  );
}

function IntegrationForm({ botId, existing }: { botId: string; existing: WhatsAppIntegration | null }) {
  const t = useTranslations("settings.whatsapp");
  const save = useSaveWhatsAppIntegration(botId);
  const form = useForm<WhatsAppValues>({
    resolver: zodResolver(whatsappSchema),
    defaultValues: {
      phone_number_id: existing?.phone_number_id ?? "",
      business_account_id: existing?.business_account_id ?? "",
      access_token: "",
      app_secret: "",
      webhook_verify_token: existing?.verify_token ?? "",
    },
  });
  const onError = useFormError(form, fieldNames);

  function onSubmit(values: WhatsAppValues) {
    save.mutate(
      {
        phone_number_id: values.phone_number_id,
        business_account_id: values.business_account_id,
        access_token: values.access_token,
        app_secret: values.app_secret || undefined,
        webhook_verify_token: values.webhook_verify_token || undefined,
      },
      {
        onSuccess: () => {
          form.reset({ ...values, access_token: "", app_secret: "" });
          toast.success(t("saved"));
        },
        onError,
      },
    );
  }

  const secret = (name: "access_token" | "app_secret", label: string, hint: string, last4?: string | null) => (
    <PasswordField
      control={form.control}
      name={name}
      label={label}
      description={hint}
      autoComplete="off"
      placeholder={last4 ? t("storedAs", { last4 }) : undefined}
    />
  );

  return (
    <SectionCard title={existing ? t("editTitle") : t("connectTitle")} subtitle={t("formSubtitle")}>
      <FormShell form={form} onSubmit={onSubmit} testId="whatsapp-form">
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          {(["phone_number_id", "business_account_id"] as const).map((name) => (
            <TextField
              key={name}
              control={form.control}
              name={name}
              label={t(name === "phone_number_id" ? "fields.phoneNumberId" : "fields.businessAccountId")}
              inputMode="numeric"
              className="font-mono"
            />
          ))}
        </div>
        {secret("access_token", t("fields.accessToken"), existing ? t("accessTokenReenter") : t("accessTokenHint"), existing?.access_token_last4)}
        {secret("app_secret", t("fields.appSecret"), t("appSecretHint"), existing?.app_secret_last4)}
        <TextField
          control={form.control}
          name="webhook_verify_token"
          label={t("fields.verifyToken")}
          description={t("verifyTokenHint")}
          className="font-mono"
          autoComplete="off"
        />
        <PendingButton pending={save.isPending} data-testid="save-whatsapp">
          {existing ? t("update") : t("connect")}
        </PendingButton>
      </FormShell>
    </SectionCard>
  );
}

/**
 * Said up front when the API would refuse (403 `email_not_verified`): the tenant's owner has not
 * verified their address. Only the owner's own state is known here, so only owners see it; for
 * others the refusal itself explains (errors.email_not_verified).
 */
function UnverifiedNotice() {
  const t = useTranslations("settings.whatsapp");
  const tenant = useCurrentTenant();
  const unverified = useSessionStore((s) => s.user?.email_verified === false);
  if (!unverified || tenant?.role !== "owner") return null;
  return (
    <Notice tone="warning" icon={MailWarning} role="note" testId="whatsapp-unverified" className="gap-3 rounded-2xl px-4 py-3">
      <div className="space-y-0.5">
        <p className="font-semibold">{t("unverifiedTitle")}</p>
        <p className="text-muted-foreground">{t("unverifiedBody")}</p>
      </div>
    </Notice>
  );
}

/** WhatsApp Cloud API connection of one bot: credentials in, webhook URL and verify token out. */
export function WhatsAppSettings({ initialBotId }: { initialBotId: string | null }) {
  const t = useTranslations("settings.whatsapp");
  const bots = useTranslations("bots");
  const list = useBots();
  const [chosen, setChosen] = useState<string | null>(initialBotId);
  const botId = chosen ?? list.data?.[0]?.id ?? null;
  const integration = useWhatsAppIntegration(botId);

  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (!list.data) return <Skeleton className="h-96 w-full max-w-4xl rounded-2xl" />;
  if (list.data.length === 0) return <EmptyState icon={MessageCircle} title={bots("empty")} description={t("needBot")} />;

  return (
    <div className="max-w-4xl space-y-6">
      <UnverifiedNotice />
      <div className="grid max-w-sm gap-2">
        <Label htmlFor="whatsapp-bot">{t("bot")}</Label>
        <Select value={botId ?? undefined} onValueChange={setChosen}>
          <SelectTrigger id="whatsapp-bot" className="w-full">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {list.data.map((bot) => (
              <SelectItem key={bot.id} value={bot.id}>
                {bot.name}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      {!botId ? null : integration.isError ? (
        <ErrorState error={integration.error} onRetry={() => integration.refetch()} />
      ) : integration.isPending ? (
        <Skeleton className="h-96 w-full rounded-2xl" />
      ) : (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2" key={botId}>
          <div className="space-y-6">
            {!integration.data && <FacebookConnect botId={botId} />}
            <IntegrationForm key={integration.data?.updated_at ?? "new"} botId={botId} existing={integration.data} />
          </div>
          {integration.data ? (
            <Connected integration={integration.data} botId={botId} />
          ) : (
            <SectionCard title={t("howTitle")} subtitle={t("howSubtitle")} className="h-fit" contentClassName="space-y-4">
              <ol className="list-decimal space-y-2 pl-5 text-sm text-muted-foreground">
                {(["how1", "how2", "how3", "how4", "how5"] as const).map((step) => (
                  <li key={step}>{t(step)}</li>
                ))}
              </ol>
              <ul className="space-y-1 text-sm">
                {HELP_LINKS.map(([key, href]) => (
                  <li key={key}>
                    <a href={href} target="_blank" rel="noreferrer noopener" className="text-primary underline underline-offset-4">
                      {t(key)}
                    </a>
                  </li>
                ))}
              </ul>
            </SectionCard>
          )}
        </div>
      )}
    </div>
  );
}
