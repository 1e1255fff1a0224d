"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { CurrentEmail } from "@/components/settings/email-status";
import { FormShell, PendingButton, TextField } from "@/components/shared/form-fields";
import { SectionCard } from "@/components/shared/section-card";
import { useFormError } from "@/components/shared/use-form-error";
import { useFormSaved } from "@/components/shared/use-form-saved";
import { useUpdateProfile } from "@/lib/api/hooks/account";
import { profileSchema } from "@/lib/validation";
import { useSessionStore } from "@/stores/session";

export function ProfileSettings() {
  const t = useTranslations("settings.profile");
  const common = useTranslations("common");
  const user = useSessionStore((s) => s.user);
  const update = useUpdateProfile();
  const form = useForm({ resolver: zodResolver(profileSchema), defaultValues: { full_name: user?.full_name ?? "" } });
  const onError = useFormError(form, ["full_name"]);
  const onSaved = useFormSaved(form);

  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} className="max-w-2xl">
      <FormShell
        form={form}
        testId="profile-form"
        onSubmit={({ full_name }) => update.mutate(full_name, { onSuccess: (saved) => onSaved({ full_name: saved.full_name }), onError })}
      >
        <TextField control={form.control} name="full_name" label={t("fullName")} autoComplete="name" />
        <CurrentEmail id="profile-email" label={t("email")} inputClassName="flex-1" />
        <PendingButton pending={update.isPending} disabled={!form.formState.isDirty}>
          {common("save")}
        </PendingButton>
      </FormShell>
    </SectionCard>
  );
}
