"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { MailCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { CurrentEmail } from "@/components/settings/email-status";
import { EmailField, NewPasswordField, PasswordField, FormShell, PendingButton } from "@/components/shared/form-fields";
import { Notice } from "@/components/shared/notice";
import { SectionCard } from "@/components/shared/section-card";
import { useFormError } from "@/components/shared/use-form-error";
import { useChangeEmail } from "@/lib/api/hooks/account";
import { changePassword } from "@/lib/session";
import {
  changeEmailSchema,
  changePasswordSchema,
  type ChangeEmailValues,
  type ChangePasswordValues,
} from "@/lib/validation";

/** The address, whether it is verified, and moving the account to another address. */
function EmailSettings() {
  const t = useTranslations("settings.security.email");
  const change = useChangeEmail();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<ChangeEmailValues>({
    resolver: zodResolver(changeEmailSchema),
    defaultValues: { new_email: "", password: "" },
  });
  const onError = useFormError(form, ["new_email", "password"]);

  function onSubmit(values: ChangeEmailValues) {
    setSentTo(null);
    change.mutate(values, {
      onSuccess: () => {
        form.reset({ new_email: "", password: "" });
        setSentTo(values.new_email);
      },
      onError,
    });
  }

  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} contentClassName="space-y-5">
      <CurrentEmail id="security-current-email" label={t("current")} inputClassName="max-w-sm flex-1" />
      {sentTo && (
        <Notice tone="info" icon={MailCheck} role="status" testId="email-change-sent">
          <span>
            <span className="block font-medium">{t("sentTitle")}</span>
            {t("sent", { email: sentTo })}
          </span>
        </Notice>
      )}
      {/* POST, and no submit before hydration: the password must never end up in a URL. */}
      <FormShell method="post" form={form} onSubmit={onSubmit} testId="email-change-form">
        <EmailField control={form.control} name="new_email" label={t("newEmail")} />
        <PasswordField
          control={form.control}
          name="password"
          label={t("password")}
          autoComplete="current-password"
          description={t("passwordHint")}
        />
        <PendingButton pending={change.isPending} untilHydrated>
          {t("submit")}
        </PendingButton>
      </FormShell>
    </SectionCard>
  );
}

/** A new password; the API ends every other session and this one continues on a new token. */
function PasswordSettings() {
  const t = useTranslations("settings.security.password");
  const fields = useTranslations("auth.fields");
  const [changed, setChanged] = useState(false);
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { current_password: "", new_password: "", confirm: "" },
  });
  const onError = useFormError(form, ["current_password", "new_password"]);

  async function onSubmit({ current_password, new_password }: ChangePasswordValues) {
    setChanged(false);
    try {
      await changePassword({ current_password, new_password });
      form.reset({ current_password: "", new_password: "", confirm: "" });
      setChanged(true);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")}>
      {/* POST, and no submit before hydration: passwords must never end up in a URL. */}
      <FormShell method="post" form={form} onSubmit={onSubmit} testId="password-change-form">
        {changed && (
          <p role="status" data-testid="password-changed" className="rounded-xl border border-success/30 bg-success/5 px-3 py-2.5 text-sm text-success">
            {t("changed")}
          </p>
        )}
        <PasswordField control={form.control} name="current_password" label={fields("currentPassword")} autoComplete="current-password" />
        <NewPasswordField control={form.control} name="new_password" label={fields("newPassword")} />
        <PasswordField control={form.control} name="confirm" label={fields("confirmPassword")} autoComplete="new-password" />
        <PendingButton pending={form.formState.isSubmitting} untilHydrated>
          {t("submit")}
        </PendingButton>
      </FormShell>
    </SectionCard>
  );
}

export function SecuritySettings() {
  return (
    <div className="grid max-w-4xl grid-cols-1 gap-6 lg:grid-cols-2">
      <EmailSettings />
      <PasswordSettings />
    </div>
  );
}
