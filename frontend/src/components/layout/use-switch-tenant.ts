"use client";

import { usePathname, useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";

import { useSessionStore } from "@/stores/session";

/**
 * Selects another tenant (sent as X-Tenant-Id from now on), refetches what is
 * on screen, and leaves bot pages: their ids belong to the old tenant.
 */
export function useSwitchTenant() {
  const selectTenant = useSessionStore((s) => s.selectTenant);
  const client = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  return (tenantId: string) => {
    selectTenant(tenantId);
    if (pathname.startsWith("/dashboard/bots/")) router.push("/dashboard/bots");
    void client.resetQueries();
  };
}
