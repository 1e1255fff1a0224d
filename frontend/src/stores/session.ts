import { create } from "zustand";
import { createJSONStorage, persist } from "zustand/middleware";

import type { Tenant, User } from "@/lib/api/types";

export type SessionStatus = "unknown" | "authenticated" | "unauthenticated";

/** What the /api/session/* route handlers return to the page. */
export type SessionPayload = {
  access_token: string;
  expires_in: number;
  user: User;
  tenants: Tenant[];
};

type SessionState = {
  status: SessionStatus;
  /** Access JWT, kept in memory only: never persisted, never in a cookie the page can read. */
  accessToken: string | null;
  expiresAt: number | null;
  user: User | null;
  tenants: Tenant[];
  /** The tenant sent as X-Tenant-Id; persisted so a reload keeps the selection. */
  tenantId: string | null;
  setSession: (payload: SessionPayload) => void;
  setUser: (user: User) => void;
  setTenants: (tenants: Tenant[]) => void;
  selectTenant: (tenantId: string) => void;
  clear: () => void;
};

export const useSessionStore = create<SessionState>()(
  persist(
    (set, get) => ({
      status: "unknown",
      accessToken: null,
      expiresAt: null,
      user: null,
      tenants: [],
      tenantId: null,
      setSession: ({ access_token, expires_in, user, tenants }) => {
        const current = get().tenantId;
        const tenantId = tenants.some((t) => t.id === current) ? current : (tenants[0]?.id ?? null);
        set({
          status: "authenticated",
          accessToken: access_token,
          expiresAt: Date.now() + expires_in * 1000,
          user,
          tenants,
          tenantId,
        });
      },
      setUser: (user) => set({ user }),
      setTenants: (tenants) => set({ tenants }),
      selectTenant: (tenantId) => set({ tenantId }),
      clear: () =>
        set({ status: "unauthenticated", accessToken: null, expiresAt: null, user: null, tenants: [] }),
    }),
    {
      name: "svontai-tenant",
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ tenantId: state.tenantId }),
    },
  ),
);

/** The selected tenant, falling back to the first membership. */
export function useCurrentTenant(): Tenant | null {
  return useSessionStore((s) => s.tenants.find((t) => t.id === s.tenantId) ?? s.tenants[0] ?? null);
}
