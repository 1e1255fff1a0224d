"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import { refreshSession } from "@/lib/session";
import { useSessionStore } from "@/stores/session";

export function useUpdateProfile() {
  return useMutation({
    mutationFn: (full_name: string) => unwrap(api.PATCH("/me", { body: { full_name } })),
    onSuccess: (user) => useSessionStore.getState().setUser(user),
  });
}

export function useUpdateTenant() {
  return useMutation({
    mutationFn: (name: string) => unwrap(api.PATCH("/tenants/current", { body: { name } })),
    onSuccess: (tenant) => {
      const { tenants, setTenants } = useSessionStore.getState();
      setTenants(tenants.map((t) => (t.id === tenant.id ? tenant : t)));
    },
  });
}

export function useCreateTenant() {
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/tenants", { body: { name } })),
    onSuccess: (tenant) => {
      const { tenants, setTenants } = useSessionStore.getState();
      setTenants([...tenants, tenant]);
    },
  });
}

/**
 * Reloads the signed-in user (after an e-mail link changed them). With no session in this tab
 * yet, tries the refresh cookie, which loads the user too. Resolves to whether someone is
 * signed in; never throws.
 */
export async function reloadUser(): Promise<boolean> {
  try {
    const { status, setUser } = useSessionStore.getState();
    if (status !== "authenticated") return (await refreshSession()) !== null;
    const me = await unwrap(api.GET("/me"));
    setUser(me.user);
    return true;
  } catch {
    return false;
  }
}

/**
 * While the address is unverified, the user is fetched again whenever the tab regains focus:
 * the link is usually opened in another tab, and the banner should go when it is.
 */
export function useWatchVerification() {
  const unverified = useSessionStore((s) => s.status === "authenticated" && s.user?.email_verified === false);
  return useQuery({
    queryKey: queryKeys.me,
    enabled: unverified,
    staleTime: 0,
    refetchOnWindowFocus: "always",
    queryFn: async () => {
      const me = await unwrap(api.GET("/me"));
      useSessionStore.getState().setUser(me.user);
      return me;
    },
  });
}

/** Mails a new verification link (202; 409 `already_verified`; 429 with Retry-After). */
export function useResendVerification() {
  return useMutation({
    mutationFn: () => unwrap(api.POST("/me/email/verification")),
  });
}

/** Mails a confirmation link to the new address; the account moves when it is clicked. */
export function useChangeEmail() {
  return useMutation({
    mutationFn: (body: { new_email: string; password: string }) => unwrap(api.PUT("/me/email", { body })),
  });
}
