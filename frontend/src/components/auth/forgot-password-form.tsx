"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthForm } from "@/components/auth/auth-form";
import { AuthNotice } from "@/components/auth/auth-notice";
import { Button } from "@/components/ui/button";
import { EmailField } from "@/components/shared/form-fields";
import { useFormError } from "@/components/shared/use-form-error";
import { publicApi, unwrap } from "@/lib/api/client";
import { forgotPasswordSchema, type ForgotPasswordValues } from "@/lib/validation";

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgot");
  const fields = useTranslations("auth.fields");
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm<ForgotPasswordValues>({ resolver: zodResolver(forgotPasswordSchema), defaultValues: { email: "" } });
  const onError = useFormError(form, ["email"]);

  async function onSubmit({ email }: ForgotPasswordValues) {
    try {
      await unwrap(publicApi.POST("/auth/password/forgot", { body: { email } }));
      setSentTo(email);
    } catch (error) {
      onError(error);
    }
  }

  if (sentTo) {
    return (
      <AuthNotice
        tone="mail"
        title={t("sentTitle")}
        testId="forgot-sent"
        link={{ href: "/login", label: t("backToLogin") }}
        actions={
          <Button
            variant="ghost"
            onClick={() => {
              form.reset({ email: "" });
              setSentTo(null);
            }}
          >
            {t("again")}
          </Button>
        }
      >
        {t("sentBody", { email: sentTo })}
      </AuthNotice>
    );
  }

  return (
    <AuthForm
      namespace="auth.forgot"
      testId="forgot-form"
      form={form}
      onSubmit={onSubmit}
      footer={{ href: "/login", label: t("backToLogin") }}
    >
      <EmailField control={form.control} name="email" label={fields("email")} placeholder={fields("emailPlaceholder")} />
    </AuthForm>
  );
}
