"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { AuthNotice } from "@/components/auth/auth-notice";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { register } from "@/lib/session";
import { useHydrated } from "@/lib/use-hydrated";
import { registerSchema, type RegisterValues } from "@/lib/validation";

const fieldNames = ["full_name", "tenant_name", "email", "password"] as const;

export function RegisterForm() {
  const t = useTranslations("auth.register");
  const fields = useTranslations("auth.fields");
  const translate = useValidationMessage();
  const router = useRouter();
  const hydrated = useHydrated();
  const [checkEmail, setCheckEmail] = useState<string | null>(null);
  const form = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: { full_name: "", tenant_name: "", email: "", password: "" },
  });
  const onError = useFormError(form, fieldNames);

  async function onSubmit(values: RegisterValues) {
    try {
      const result = await register(values);
      if (result.status === "check_email") setCheckEmail(result.email);
      else router.replace("/dashboard");
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
        actions={
          <Button asChild>
            <Link href="/login">{t("toLogin")}</Link>
          </Button>
        }
      >
        <span className="block">{t("checkEmailBody", { email: checkEmail })}</span>
        <span className="mt-2 block">{t("checkEmailSpam")}</span>
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
          {/* POST, and no submit before hydration: a form sent before the script loads must never
              put the password in the URL (a GET form would). */}
          <form method="post" onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate data-testid="register-form">
            <FormAlert message={form.formState.errors.root?.message} />
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField
                control={form.control}
                name="full_name"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{fields("fullName")}</FormLabel>
                    <FormControl>
                      <Input autoComplete="name" {...field} />
                    </FormControl>
                    <FormMessage translate={translate} />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="tenant_name"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{fields("tenantName")}</FormLabel>
                    <FormControl>
                      <Input autoComplete="organization" {...field} />
                    </FormControl>
                    <FormMessage translate={translate} />
                  </FormItem>
                )}
              />
            </div>
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
            <FormField
              control={form.control}
              name="password"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{fields("password")}</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="new-password" {...field} />
                  </FormControl>
                  <FormDescription>{fields("passwordHint")}</FormDescription>
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
      <CardFooter className="justify-center text-sm text-muted-foreground">
        {t("haveAccount")}&nbsp;
        <Link href="/login" className="font-medium text-primary hover:underline">
          {t("toLogin")}
        </Link>
      </CardFooter>
    </Card>
  );
}
