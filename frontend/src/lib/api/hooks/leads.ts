"use client";

import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";

import { api, downloadFile, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import { asPage, mapPages } from "@/lib/api/hooks/pages";
import type { Lead, LeadStatus, Paged } from "@/lib/api/types";

/** `from`/`to` are YYYY-MM-DD days, inclusive. */
export type LeadFilters = { q?: string; status?: LeadStatus; bot_id?: string; from?: string; to?: string };

function clean(filters: LeadFilters) {
  return {
    q: filters.q?.trim() || undefined,
    status: filters.status,
    bot_id: filters.bot_id,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
}

export function useLeads(filters: LeadFilters) {
  const query = clean(filters);
  return useInfiniteQuery({
    queryKey: queryKeys.leads(query),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      asPage<Lead>(await unwrap(api.GET("/leads", { params: { query: { ...query, limit: 50, cursor: pageParam } } }))),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** Status and notes changes show at once and roll back if the API refuses them. */
export function useUpdateLead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; status?: LeadStatus; notes?: string }) =>
      unwrap(api.PATCH("/leads/{lead_id}", { params: { path: { lead_id: id } }, body })),
    onMutate: async ({ id, ...changes }) => {
      await client.cancelQueries({ queryKey: queryKeys.leads() });
      const snapshot = client.getQueriesData<InfiniteData<Paged<Lead>>>({ queryKey: queryKeys.leads() });
      client.setQueriesData<InfiniteData<Paged<Lead>>>({ queryKey: queryKeys.leads() }, (data) =>
        mapPages(data, (lead) => (lead.id === id ? { ...lead, ...changes } : lead)),
      );
      return { snapshot };
    },
    onError: (_error, _vars, context) => {
      context?.snapshot.forEach(([key, data]) => client.setQueryData(key, data));
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.leads() }),
  });
}

export function useDeleteLead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/leads/{lead_id}", { params: { path: { lead_id: id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.leads() }),
  });
}

/** Downloads GET /leads/export with the caller's token (a plain link could not send it). */
export function exportLeads(filters: LeadFilters) {
  return downloadFile(api.GET("/leads/export", { params: { query: clean(filters) }, parseAs: "blob" }), "leads.csv");
}
