"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthForm } from "@/components/auth/auth-form";
import { EmailField, PasswordField } from "@/components/shared/form-fields";
import { useFormError } from "@/components/shared/use-form-error";
import { safeNext, withNext } from "@/lib/safe-next";
import { login } from "@/lib/session";
import { loginSchema, type LoginValues } from "@/lib/validation";

export function LoginForm() {
  const t = useTranslations("auth.login");
  const fields = useTranslations("auth.fields");
  const router = useRouter();
  const params = useSearchParams();
  const form = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { email: "", password: "" } });
  const onError = useFormError(form, ["email", "password"]);

  async function onSubmit(values: LoginValues) {
    try {
      await login(values);
      router.replace(safeNext(params.get("next")));
    } catch (error) {
      onError(error);
    }
  }

  return (
    <AuthForm
      namespace="auth.login"
      testId="login-form"
      form={form}
      onSubmit={onSubmit}
      footer={{ text: t("noAccount"), href: withNext("/register", params.get("next")), label: t("toRegister") }}
    >
      <EmailField control={form.control} name="email" label={fields("email")} placeholder={fields("emailPlaceholder")} />
      <PasswordField control={form.control} name="password" label={fields("password")} autoComplete="current-password" />
      <div className="flex justify-end">
        <Link href="/forgot-password" className="text-sm font-medium text-primary hover:underline">
          {t("forgot")}
        </Link>
      </div>
    </AuthForm>
  );
}
