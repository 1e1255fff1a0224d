"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { FieldValues, SubmitHandler, UseFormReturn } from "react-hook-form";

import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { FormShell, PendingButton } from "@/components/shared/form-fields";

/**
 * The auth pages' card around a form: the namespace's `title` and `subtitle`, the fields, its
 * `submit` button (full width, disabled until hydrated and while submitting), and optionally a
 * footer linking to a neighbouring page (after a muted `text` when there is one). The form is sent
 * with POST, and not before hydration: a form sent before the script loads must never put a
 * password in the URL.
 */
export function AuthForm<TIn extends FieldValues, TOut = TIn>({
  namespace,
  testId,
  form,
  onSubmit,
  footer,
  children,
}: {
  namespace: "auth.login" | "auth.register" | "auth.forgot" | "auth.reset";
  testId: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the form's context type is free
  form: UseFormReturn<TIn, any, TOut>;
  onSubmit: SubmitHandler<TOut>;
  footer?: { text?: string; href: string; label: string };
  children: React.ReactNode;
}) {
  const t = useTranslations(namespace);
  return (
    <Card className="shadow-lg">
      <CardHeader className="text-center">
        <CardTitle className="text-2xl">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <FormShell method="post" form={form} onSubmit={onSubmit} testId={testId}>
          {children}
          <PendingButton className="w-full" pending={form.formState.isSubmitting} untilHydrated>
            {t("submit")}
          </PendingButton>
        </FormShell>
      </CardContent>
      {footer && (
        <CardFooter className={footer.text ? "justify-center text-sm text-muted-foreground" : "justify-center text-sm"}>
          {footer.text && <>{footer.text}&nbsp;</>}
          {/* Underlined: beside other text, a link must not be told apart by colour alone. */}
          <Link href={footer.href} className="font-medium text-primary underline underline-offset-4">
            {footer.label}
          </Link>
        </CardFooter>
      )}
    </Card>
  );
}
