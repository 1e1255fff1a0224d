"use client";

import { useState } from "react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthNotice } from "@/components/auth/auth-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { publicApi, unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/problem";
import { useHydrated } from "@/lib/use-hydrated";
import { resetPasswordSchema, type ResetPasswordValues } from "@/lib/validation";

/** A refused link (unknown, used, expired): 422 with an error on `token`. */
function isInvalidLink(error: unknown): boolean {
  return isApiError(error) && error.status === 422 && error.errors.some((e) => e.field === "token");
}

function InvalidLink({ missing }: { missing?: boolean }) {
  const t = useTranslations("auth.reset");
  return (
    <AuthNotice
      tone="error"
      title={t("invalidTitle")}
      testId="reset-invalid"
      actions={
        <Button asChild>
          <Link href="/forgot-password">{t("newLink")}</Link>
        </Button>
      }
    >
      {missing ? t("missingBody") : t("invalidBody")}
    </AuthNotice>
  );
}

/** The page a reset mail links to: a new password, twice. */
export function ResetPasswordForm() {
  const t = useTranslations("auth.reset");
  const fields = useTranslations("auth.fields");
  const translate = useValidationMessage();
  const hydrated = useHydrated();
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
      <AuthNotice
        tone="success"
        title={t("doneTitle")}
        testId="reset-done"
        actions={
          <Button asChild>
            <Link href="/login">{t("toLogin")}</Link>
          </Button>
        }
      >
        {t("doneBody")}
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
          <form method="post" onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate data-testid="reset-form">
            <FormAlert message={form.formState.errors.root?.message} />
            <FormField
              control={form.control}
              name="password"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{fields("newPassword")}</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="new-password" {...field} />
                  </FormControl>
                  <FormDescription>{fields("passwordHint")}</FormDescription>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="confirm"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{fields("confirmPassword")}</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="new-password" {...field} />
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
    </Card>
  );
}
