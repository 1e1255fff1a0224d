"use client";

import { useState } from "react";
import Link from "next/link";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthNotice } from "@/components/auth/auth-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { publicApi, unwrap } from "@/lib/api/client";
import { useHydrated } from "@/lib/use-hydrated";
import { forgotPasswordSchema, type ForgotPasswordValues } from "@/lib/validation";

/** Asks for a reset link. The answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const t = useTranslations("auth.forgot");
  const fields = useTranslations("auth.fields");
  const translate = useValidationMessage();
  const hydrated = useHydrated();
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
        actions={
          <>
            <Button asChild>
              <Link href="/login">{t("backToLogin")}</Link>
            </Button>
            <Button
              variant="ghost"
              onClick={() => {
                form.reset({ email: "" });
                setSentTo(null);
              }}
            >
              {t("again")}
            </Button>
          </>
        }
      >
        {t("sentBody", { email: sentTo })}
      </AuthNotice>
    );
  }

  return (
    <Card className="shadow-lg">
      <CardHeader className="text-center">
        <CardTitle className="text-2xl">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Form {...form}>
          {/* POST, and no submit before hydration, as on the login form. */}
          <form method="post" onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate data-testid="forgot-form">
            <FormAlert message={form.formState.errors.root?.message} />
            <FormField
              control={form.control}
              name="email"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{fields("email")}</FormLabel>
                  <FormControl>
                    <Input type="email" autoComplete="email" placeholder={fields("emailPlaceholder")} {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <Button type="submit" className="w-full" disabled={!hydrated || form.formState.isSubmitting}>
              {form.formState.isSubmitting && <Loader2 className="animate-spin" />}
              {t("submit")}
            </Button>
          </form>
        </Form>
      </CardContent>
      <CardFooter className="justify-center text-sm">
        <Link href="/login" className="font-medium text-primary hover:underline">
          {t("backToLogin")}
        </Link>
      </CardFooter>
    </Card>
  );
}
