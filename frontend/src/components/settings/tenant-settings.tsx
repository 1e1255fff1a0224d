"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Check, Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Form, FormControl, FormField, FormItem, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { useSwitchTenant } from "@/components/layout/use-switch-tenant";
import { FormAlert } from "@/components/shared/form-alert";
import { FormShell, PendingButton, TextField } from "@/components/shared/form-fields";
import { SectionCard } from "@/components/shared/section-card";
import { useFormError } from "@/components/shared/use-form-error";
import { useFormSaved } from "@/components/shared/use-form-saved";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { useCreateTenant, useUpdateTenant } from "@/lib/api/hooks/account";
import type { Tenant } from "@/lib/api/types";
import { tenantSchema } from "@/lib/validation";
import { useCurrentTenant, useSessionStore } from "@/stores/session";

function RenameTenant({ tenant }: { tenant: Tenant }) {
  const t = useTranslations("settings.tenant");
  const common = useTranslations("common");
  const update = useUpdateTenant();
  const form = useForm({ resolver: zodResolver(tenantSchema), defaultValues: { name: tenant.name } });
  const onError = useFormError(form, ["name"]);
  const onSaved = useFormSaved(form);
  const canEdit = tenant.role !== "agent";
  return (
    <FormShell
      form={form}
      testId="tenant-form"
      onSubmit={({ name }) => update.mutate(name, { onSuccess: (saved) => onSaved({ name: saved.name }), onError })}
    >
      <TextField control={form.control} name="name" label={t("name")} disabled={!canEdit} />
      {!canEdit && <p className="text-xs text-muted-foreground">{t("agentHint")}</p>}
      <PendingButton pending={update.isPending} disabled={!canEdit || !form.formState.isDirty}>
        {common("save")}
      </PendingButton>
    </FormShell>
  );
}

function CreateTenant() {
  const t = useTranslations("settings.tenant");
  const translate = useValidationMessage();
  const create = useCreateTenant();
  const switchTenant = useSwitchTenant();
  const form = useForm({ resolver: zodResolver(tenantSchema), defaultValues: { name: "" } });
  const onError = useFormError(form, ["name"]);
  return (
    <Form {...form}>
      <form
        noValidate
        className="flex flex-col gap-3 sm:flex-row sm:items-start"
        data-testid="create-tenant-form"
        onSubmit={form.handleSubmit(({ name }) =>
          create.mutate(name, {
            onSuccess: (tenant) => {
              form.reset({ name: "" });
              toast.success(t("created", { name: tenant.name }), {
                action: {
                  label: t("switch"),
                  onClick: () => switchTenant(tenant.id),
                },
              });
            },
            onError,
          }),
        )}
      >
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <FormItem className="flex-1">
              <FormControl>
                <Input placeholder={t("newPlaceholder")} aria-label={t("newPlaceholder")} {...field} />
              </FormControl>
              <FormMessage translate={translate} />
              <FormAlert message={form.formState.errors.root?.message} />
            </FormItem>
          )}
        />
        <PendingButton pending={create.isPending} idleIcon={<Plus />}>
          {t("create")}
        </PendingButton>
      </form>
    </Form>
  );
}

export function TenantSettings() {
  const t = useTranslations("settings.tenant");
  const roles = useTranslations("settings.roles");
  const current = useCurrentTenant();
  const tenants = useSessionStore((s) => s.tenants);
  const switchTenant = useSwitchTenant();

  return (
    <div className="grid max-w-4xl grid-cols-[minmax(0,1fr)] gap-6">
      {current && (
        <SectionCard title={t("title")} subtitle={t("subtitle")}>
          <RenameTenant key={current.id} tenant={current} />
        </SectionCard>
      )}
      <SectionCard title={t("listTitle")} subtitle={t("listSubtitle")} contentClassName="space-y-4">
        <ul className="divide-y rounded-xl border" data-testid="tenant-list">
          {tenants.map((tenant) => (
            <li key={tenant.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
              <span className="min-w-0 flex-1 truncate text-sm font-medium">{tenant.name}</span>
              <Badge variant="secondary">{roles(tenant.role)}</Badge>
              {tenant.id === current?.id ? (
                <Badge variant="success">
                  <Check aria-hidden /> {t("current")}
                </Badge>
              ) : (
                <Button
                  size="sm"
                  variant="outline"
                  onClick={() => switchTenant(tenant.id)}
                >
                  {t("switch")}
                </Button>
              )}
            </li>
          ))}
        </ul>
        <CreateTenant />
      </SectionCard>
    </div>
  );
}
