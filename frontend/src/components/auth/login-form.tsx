"use client";

import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { login } from "@/lib/session";
import { useHydrated } from "@/lib/use-hydrated";
import { loginSchema, type LoginValues } from "@/lib/validation";

/** Only same-site dashboard paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith("/dashboard") ? next : "/dashboard";
}

export function LoginForm() {
  const t = useTranslations("auth.login");
  const fields = useTranslations("auth.fields");
  const translate = useValidationMessage();
  const router = useRouter();
  const params = useSearchParams();
  const hydrated = useHydrated();
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
    <Card className="shadow-lg">
      <CardHeader className="text-center">
        <CardTitle className="text-2xl">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Form {...form}>
          {/* POST, and no submit before hydration: a form sent before the script loads must never
              put the password in the URL (a GET form would). */}
          <form method="post" onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate data-testid="login-form">
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
            <FormField
              control={form.control}
              name="password"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{fields("password")}</FormLabel>
                  <FormControl>
                    <Input type="password" autoComplete="current-password" {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <div className="flex justify-end">
              <Link href="/forgot-password" className="text-sm font-medium text-primary hover:underline">
                {t("forgot")}
              </Link>
            </div>
            <Button type="submit" className="w-full" disabled={!hydrated || form.formState.isSubmitting}>
              {form.formState.isSubmitting && <Loader2 className="animate-spin" />}
              {t("submit")}
            </Button>
          </form>
        </Form>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        {t("noAccount")}&nbsp;
        <Link href="/register" className="font-medium text-primary hover:underline">
          {t("toRegister")}
        </Link>
      </CardFooter>
    </Card>
  );
}
