"use client";

import { useState } from "react";
import { useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthForm } from "@/components/auth/auth-form";
import { AuthNotice } from "@/components/auth/auth-notice";
import { NewPasswordField, PasswordField } from "@/components/shared/form-fields";
import { useFormError } from "@/components/shared/use-form-error";
import { publicApi, unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/problem";
import { resetPasswordSchema, type ResetPasswordValues } from "@/lib/validation";

/** A refused link (unknown, used, expired): 422 with an error on `token`. */
function isInvalidLink(error: unknown): boolean {
  return isApiError(error) && error.status === 422 && error.errors.some((e) => e.field === "token");
}

function InvalidLink({ missing }: { missing?: boolean }) {
  const t = useTranslations("auth.reset");
  return (
    <AuthNotice tone="error" title={t("invalidTitle")} testId="reset-invalid" link={{ href: "/forgot-password", label: t("newLink") }}>
      {missing ? t("missingBody") : t("invalidBody")}
    </AuthNotice>
  );
}

/** The page a reset mail links to: a new password, twice. */
export function ResetPasswordForm() {
  const t = useTranslations("auth.reset");
  const fields = useTranslations("auth.fields");
  const token = useSearchParams().get("token")?.trim() ?? "";
  const [state, setState] = useState<"form" | "done" | "invalid">("form");
  const form = useForm<ResetPasswordValues>({
    resolver: zodResolver(resetPasswordSchema),
    defaultValues: { password: "", confirm: "" },
  });
  const onError = useFormError(form, ["password"]);

  async function onSubmit({ password }: ResetPasswordValues) {
    try {
      await unwrap(publicApi.POST("/auth/password/reset", { body: { token, password } }));
      setState("done");
    } catch (error) {
      if (isInvalidLink(error)) setState("invalid");
      else onError(error);
    }
  }

  if (!token) return <InvalidLink missing />;
  if (state === "invalid") return <InvalidLink />;
  if (state === "done") {
    return (
      <AuthNotice tone="success" title={t("doneTitle")} testId="reset-done" link={{ href: "/login", label: t("toLogin") }}>
        {t("doneBody")}
      </AuthNotice>
    );
  }

  return (
    <AuthForm namespace="auth.reset" testId="reset-form" form={form} onSubmit={onSubmit}>
      <NewPasswordField control={form.control} name="password" label={fields("newPassword")} />
      <PasswordField control={form.control} name="confirm" label={fields("confirmPassword")} autoComplete="new-password" />
    </AuthForm>
  );
}
