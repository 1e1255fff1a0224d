"use client";

import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";

import { api, filenameFrom, saveBlob, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import { asPage, mapPages } from "@/lib/api/hooks/pages";
import { toApiError } from "@/lib/api/problem";
import type { KnowledgeGap, KnowledgeItem, KnowledgeItemInput, Paged } from "@/lib/api/types";

const pageSize = 50;

export function useKnowledge(botId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.knowledge(botId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      asPage<KnowledgeItem>(
        await unwrap(
          api.GET("/bots/{bot_id}/knowledge", {
            params: { path: { bot_id: botId }, query: { limit: pageSize, cursor: pageParam } },
          }),
        ),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useSaveKnowledge(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: KnowledgeItemInput & { id?: string }) =>
      id
        ? unwrap(api.PUT("/bots/{bot_id}/knowledge/{item_id}", { params: { path: { bot_id: botId, item_id: id } }, body }))
        : unwrap(api.POST("/bots/{bot_id}/knowledge", { params: { path: { bot_id: botId } }, body })),
    onSuccess: (item, variables) => {
      if (variables.id) {
        client.setQueryData<InfiniteData<Paged<KnowledgeItem>>>(queryKeys.knowledge(botId), (data) =>
          mapPages(data, (existing) => (existing.id === item.id ? item : existing)),
        );
      } else {
        void client.invalidateQueries({ queryKey: queryKeys.knowledge(botId) });
      }
    },
  });
}

export function useDeleteKnowledge(botId: string) {
  const client = useQueryClient();
  const key = queryKeys.knowledge(botId);
  return useMutation({
    mutationFn: (itemId: string) =>
      unwrap(api.DELETE("/bots/{bot_id}/knowledge/{item_id}", { params: { path: { bot_id: botId, item_id: itemId } } })),
    onMutate: async (itemId) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<InfiniteData<Paged<KnowledgeItem>>>(key);
      client.setQueryData<InfiniteData<Paged<KnowledgeItem>>>(key, (data) =>
        mapPages(data, (item) => (item.id === itemId ? null : item)),
      );
      return { previous };
    },
    onError: (_error, _itemId, context) => client.setQueryData(key, context?.previous),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export type KnowledgeImport = { body: string; format: "csv" | "json" };

/** Imports a CSV or JSON file as-is; a 422 carries the invalid rows in `errors` and nothing is imported. */
export function useImportKnowledge(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, format }: KnowledgeImport) =>
      unwrap(
        api.POST("/bots/{bot_id}/knowledge/import", {
          params: { path: { bot_id: botId } },
          body,
          bodySerializer: (raw) => raw as string,
          headers: { "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json" },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.knowledge(botId) }),
  });
}

export async function exportKnowledge(botId: string, format: "csv" | "json") {
  const { data, error, response } = await api.GET("/bots/{bot_id}/knowledge/export", {
    params: { path: { bot_id: botId }, query: { format } },
    parseAs: "blob",
  });
  if (!response.ok || !data) throw toApiError(error, response);
  saveBlob(data, filenameFrom(response, `knowledge.${format}`));
}

export function useKnowledgeGaps(botId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.gaps(botId),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      asPage<KnowledgeGap>(
        await unwrap(
          api.GET("/bots/{bot_id}/knowledge-gaps", {
            params: { path: { bot_id: botId }, query: { limit: pageSize, cursor: pageParam } },
          }),
        ),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useDismissGap(botId: string) {
  const client = useQueryClient();
  const key = queryKeys.gaps(botId);
  return useMutation({
    mutationFn: (gapId: string) =>
      unwrap(api.DELETE("/bots/{bot_id}/knowledge-gaps/{gap_id}", { params: { path: { bot_id: botId, gap_id: gapId } } })),
    onMutate: async (gapId) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<InfiniteData<Paged<KnowledgeGap>>>(key);
      client.setQueryData<InfiniteData<Paged<KnowledgeGap>>>(key, (data) =>
        mapPages(data, (gap) => (gap.id === gapId ? null : gap)),
      );
      return { previous };
    },
    onError: (_error, _gapId, context) => client.setQueryData(key, context?.previous),
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

/**
 * Teaches an existing item a gap's question (added to its alternatives) and removes the gap.
 * 422 `too_many` on `item_id` when the item already has the most alternatives it can hold.
 */
export function useAttachGap(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ gapId, itemId }: { gapId: string; itemId: string }) =>
      unwrap(
        api.POST("/bots/{bot_id}/knowledge-gaps/{gap_id}/attach", {
          params: { path: { bot_id: botId, gap_id: gapId } },
          body: { item_id: itemId },
        }),
      ),
    onSuccess: (item, { gapId }) => {
      client.setQueryData<InfiniteData<Paged<KnowledgeGap>>>(queryKeys.gaps(botId), (data) =>
        mapPages(data, (gap) => (gap.id === gapId ? null : gap)),
      );
      client.setQueryData<InfiniteData<Paged<KnowledgeItem>>>(queryKeys.knowledge(botId), (data) =>
        mapPages(data, (existing) => (existing.id === item.id ? item : existing)),
      );
      void client.invalidateQueries({ queryKey: queryKeys.gaps(botId) });
      void client.invalidateQueries({ queryKey: queryKeys.knowledge(botId) });
    },
  });
}
