"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2, MailCheck } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { EmailStatus } from "@/components/settings/email-status";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { useChangeEmail } from "@/lib/api/hooks/account";
import { changePassword } from "@/lib/session";
import { useHydrated } from "@/lib/use-hydrated";
import {
  changeEmailSchema,
  changePasswordSchema,
  type ChangeEmailValues,
  type ChangePasswordValues,
} from "@/lib/validation";
import { useSessionStore } from "@/stores/session";

/** The address, whether it is verified, and moving the account to another address. */
function EmailSettings() {
  const t = useTranslations("settings.security.email");
  const translate = useValidationMessage();
  const hydrated = useHydrated();
  const user = useSessionStore((s) => s.user);
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
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent className="space-y-5">
        <div className="grid gap-2">
          <Label htmlFor="security-current-email">{t("current")}</Label>
          <div className="flex flex-wrap items-center gap-2">
            <Input id="security-current-email" value={user?.email ?? ""} readOnly disabled className="max-w-sm flex-1" />
            <EmailStatus verified={user?.email_verified ?? false} />
          </div>
        </div>
        {sentTo && (
          <div
            role="status"
            data-testid="email-change-sent"
            className="flex items-start gap-2 rounded-xl border border-primary/30 bg-accent/60 px-3 py-2.5 text-sm"
          >
            <MailCheck className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
            <span>
              <span className="block font-medium">{t("sentTitle")}</span>
              {t("sent", { email: sentTo })}
            </span>
          </div>
        )}
        <Form {...form}>
          {/* POST, and no submit before hydration: the password must never end up in a URL. */}
          <form method="post" noValidate className="space-y-4" data-testid="email-change-form" onSubmit={form.handleSubmit(onSubmit)}>
            <FormAlert message={form.formState.errors.root?.message} />
            <FormField
              control={form.control}
              name="new_email"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("newEmail")}</FormLabel>
                  <FormControl>
                    <Input type="email" autoComplete="email" {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="password"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("password")}</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="current-password" {...field} />
                  </FormControl>
                  <FormDescription>{t("passwordHint")}</FormDescription>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <Button type="submit" disabled={!hydrated || change.isPending}>
              {change.isPending && <Loader2 className="animate-spin" />}
              {t("submit")}
            </Button>
          </form>
        </Form>
      </CardContent>
    </Card>
  );
}

/** A new password; the API ends every other session and this one continues on a new token. */
function PasswordSettings() {
  const t = useTranslations("settings.security.password");
  const fields = useTranslations("auth.fields");
  const translate = useValidationMessage();
  const hydrated = useHydrated();
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

  const password = (name: keyof ChangePasswordValues, label: string, autoComplete: string, hint?: string) => (
    <FormField
      control={form.control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>
            <Input type="password" autoComplete={autoComplete} {...field} />
          </FormControl>
          {hint && <FormDescription>{hint}</FormDescription>}
          <FormMessage translate={translate} />
        </FormItem>
      )}
    />
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Form {...form}>
          {/* POST, and no submit before hydration: passwords must never end up in a URL. */}
          <form method="post" noValidate className="space-y-4" data-testid="password-change-form" onSubmit={form.handleSubmit(onSubmit)}>
            <FormAlert message={form.formState.errors.root?.message} />
            {changed && (
              <p role="status" data-testid="password-changed" className="rounded-xl border border-success/30 bg-success/5 px-3 py-2.5 text-sm text-success">
                {t("changed")}
              </p>
            )}
            {password("current_password", fields("currentPassword"), "current-password")}
            {password("new_password", fields("newPassword"), "new-password", fields("passwordHint"))}
            {password("confirm", fields("confirmPassword"), "new-password")}
            <Button type="submit" disabled={!hydrated || form.formState.isSubmitting}>
              {form.formState.isSubmitting && <Loader2 className="animate-spin" />}
              {t("submit")}
            </Button>
          </form>
        </Form>
      </CardContent>
    </Card>
  );
}

export function SecuritySettings() {
  return (
    <div className="grid max-w-4xl gap-6 lg:grid-cols-2">
      <EmailSettings />
      <PasswordSettings />
    </div>
  );
}
