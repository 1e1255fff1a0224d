"use client";

import { Building2, ChevronsUpDown } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useSwitchTenant } from "@/components/layout/use-switch-tenant";
import { useCurrentTenant, useSessionStore } from "@/stores/session";

/** Tenant name; a switcher when the user belongs to several tenants. */
export function TenantSwitcher() {
  const t = useTranslations("topbar");
  const tenants = useSessionStore((s) => s.tenants);
  const switchTenant = useSwitchTenant();
  const current = useCurrentTenant();

  const name = (
    <span className="flex min-w-0 items-center gap-2">
      <Building2 className="size-4 shrink-0 text-primary" aria-hidden />
      <span className="truncate font-medium" data-testid="tenant-name">
        {current?.name}
      </span>
    </span>
  );

  if (tenants.length <= 1) {
    return <div className="hidden min-w-0 items-center rounded-xl border px-3 py-1.5 text-sm md:flex">{name}</div>;
  }

  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="outline" className="hidden max-w-56 md:inline-flex">
          {/* Named "Switch business: <name>": what it does, then the name it shows. */}
          <span className="sr-only">{t("switchTenant")}: </span>
          {name}
          <ChevronsUpDown className="opacity-50" />
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-60">
        <DropdownMenuLabel className="text-xs text-muted-foreground">{t("tenants")}</DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuRadioGroup
          value={current?.id}
          onValueChange={switchTenant}
        >
          {tenants.map((tenant) => (
            <DropdownMenuRadioItem key={tenant.id} value={tenant.id}>
              <span className="truncate">{tenant.name}</span>
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
