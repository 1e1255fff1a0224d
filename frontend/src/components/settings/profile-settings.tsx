"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { EmailStatus } from "@/components/settings/email-status";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { useUpdateProfile } from "@/lib/api/hooks/account";
import { profileSchema } from "@/lib/validation";
import { useSessionStore } from "@/stores/session";

export function ProfileSettings() {
  const t = useTranslations("settings.profile");
  const common = useTranslations("common");
  const translate = useValidationMessage();
  const user = useSessionStore((s) => s.user);
  const update = useUpdateProfile();
  const form = useForm({ resolver: zodResolver(profileSchema), defaultValues: { full_name: user?.full_name ?? "" } });
  const onError = useFormError(form, ["full_name"]);

  return (
    <Card className="max-w-2xl">
      <CardHeader>
        <CardTitle className="text-lg">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Form {...form}>
          <form
            noValidate
            className="space-y-4"
            data-testid="profile-form"
            onSubmit={form.handleSubmit(({ full_name }) =>
              update.mutate(full_name, {
                onSuccess: (saved) => {
                  form.reset({ full_name: saved.full_name });
                  toast.success(common("saved"));
                },
                onError,
              }),
            )}
          >
            <FormAlert message={form.formState.errors.root?.message} />
            <FormField
              control={form.control}
              name="full_name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("fullName")}</FormLabel>
                  <FormControl>
                    <Input autoComplete="name" {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <div className="grid gap-2">
              <Label htmlFor="profile-email">{t("email")}</Label>
              <div className="flex flex-wrap items-center gap-2">
                <Input id="profile-email" value={user?.email ?? ""} readOnly disabled className="flex-1" />
                <EmailStatus verified={user?.email_verified ?? false} />
              </div>
            </div>
            <Button type="submit" disabled={update.isPending || !form.formState.isDirty}>
              {update.isPending && <Loader2 className="animate-spin" />}
              {common("save")}
            </Button>
          </form>
        </Form>
      </CardContent>
    </Card>
  );
}
