"use client";

import { useState } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthForm } from "@/components/auth/auth-form";
import { AuthNotice } from "@/components/auth/auth-notice";
import { CheckboxField, EmailField, NewPasswordField, TextField } from "@/components/shared/form-fields";
import { useFormError } from "@/components/shared/use-form-error";
import { legalPages, type LegalDoc } from "@/config/site";
import { safeNext, withNext } from "@/lib/safe-next";
import { register } from "@/lib/session";
import { registerSchema, type RegisterValues } from "@/lib/validation";

const fieldNames = ["full_name", "tenant_name", "email", "password"] as const;

const legalHref = Object.fromEntries(legalPages.map((page) => [page.id, page.href])) as Record<LegalDoc, string>;

/** A legal text, opened in a new tab so the form keeps what was typed. */
function legalLink(doc: LegalDoc) {
  return function LegalLink(chunks: React.ReactNode) {
    return (
      <a href={legalHref[doc]} target="_blank" rel="noopener" className="font-medium text-primary underline underline-offset-4">
        {chunks}
      </a>
    );
  };
}

export function RegisterForm() {
  const t = useTranslations("auth.register");
  const fields = useTranslations("auth.fields");
  const router = useRouter();
  // Where to go once signed up, as on the login page (an invitation link, say).
  const next = useSearchParams().get("next");
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: { full_name: "", tenant_name: "", email: "", password: "", consent: false },
  });
  const onError = useFormError(form, fieldNames);

  async function onSubmit(values: RegisterValues) {
    try {
      // register() sends the account's fields only: the consent is not the API's to store.
      const result = await register(values);
      if (result.status === "check_email") setCheckEmail(result.email);
      else router.replace(safeNext(next));
    } catch (error) {
      onError(error);
    }
  }

  // The same words whether or not the address already had an account: the mail says which.
  if (checkEmail) {
    return (
      <AuthNotice
        tone="mail"
        title={t("checkEmailTitle")}
        testId="register-check-email"
        link={{ href: withNext("/login", next), label: t("toLogin") }}
      >
        <span className="block">{t("checkEmailBody", { email: checkEmail })}</span>
        <span className="mt-2 block">{t("checkEmailSpam")}</span>
      </AuthNotice>
    );
  }

  return (
    <AuthForm
      namespace="auth.register"
      testId="register-form"
      form={form}
      onSubmit={onSubmit}
      footer={{ text: t("haveAccount"), href: withNext("/login", next), label: t("toLogin") }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField control={form.control} name="full_name" label={fields("fullName")} autoComplete="name" />
        <TextField control={form.control} name="tenant_name" label={fields("tenantName")} autoComplete="organization" />
      </div>
      <EmailField control={form.control} name="email" label={fields("email")} placeholder={fields("emailPlaceholder")} />
      <NewPasswordField control={form.control} name="password" label={fields("password")} />
      <CheckboxField
        control={form.control}
        name="consent"
        label={t.rich("consent", { terms: legalLink("terms"), dpa: legalLink("dpa"), privacy: legalLink("privacy") })}
        description={t("consentHint")}
        data-testid="register-consent"
      />
    </AuthForm>
  );
}
