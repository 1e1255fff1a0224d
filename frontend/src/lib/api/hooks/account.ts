"use client";

import { useMutation } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
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
