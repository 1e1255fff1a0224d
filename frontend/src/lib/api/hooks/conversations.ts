"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { useRef } from "react";

import { api, unwrap } from "@/lib/api/client";
import { isApiError } from "@/lib/api/problem";
import { queryKeys } from "@/lib/api/hooks/keys";
import { asPage, mapPages } from "@/lib/api/hooks/pages";
import type { Conversation, ConversationSource, ConversationStatus, Message, Paged } from "@/lib/api/types";

export type ConversationFilters = {
  source?: ConversationSource;
  status?: ConversationStatus;
  has_lead?: boolean;
};

/** How often an open conversation and the list are re-read. */
export const messagePollMs = 4000;
const listPollMs = 10000;

export function useConversations(botId: string, filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: queryKeys.conversations(botId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      asPage<Conversation>(
        await unwrap(
          api.GET("/bots/{bot_id}/conversations", {
            params: { path: { bot_id: botId }, query: { ...filters, limit: 30, cursor: pageParam } },
          }),
        ),
      ),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: listPollMs,
  });
}

export function useConversation(conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.conversation(conversationId ?? "none"),
    enabled: conversationId !== null,
    queryFn: () =>
      unwrap(api.GET("/conversations/{conversation_id}", { params: { path: { conversation_id: conversationId! } } })),
    refetchInterval: messagePollMs,
  });
}

/** Every message of a conversation, oldest first (pages are read until the end). */
export function useMessages(conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.messages(conversationId ?? "none"),
    enabled: conversationId !== null,
    queryFn: async () => {
      const messages: Message[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i += 1) {
        const page: Paged<Message> = asPage<Message>(
          await unwrap(
            api.GET("/conversations/{conversation_id}/messages", {
              params: { path: { conversation_id: conversationId! }, query: { limit: 100, cursor } },
            }),
          ),
        );
        messages.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return messages;
    },
    refetchInterval: messagePollMs,
  });
}

/** Worth sending again with the same Idempotency-Key: the API or the network failed, or the
 * first attempt is still running. The key makes the retry safe (never a second WhatsApp send). */
function retryableSend(failures: number, error: unknown): boolean {
  if (failures >= 2) return false;
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status >= 500 || error.code === "request_in_progress";
}

export function useSendOperatorMessage(conversationId: string) {
  const client = useQueryClient();
  const key = queryKeys.messages(conversationId);
  // One Idempotency-Key per message written: kept until it is accepted, so a retry (automatic,
  // or the operator pressing send again on the same text) cannot send it twice.
  const idempotencyKeys = useRef(new Map<string, string>());
  return useMutation({
    mutationFn: async (content: string) => {
      let idempotencyKey = idempotencyKeys.current.get(content);
      if (!idempotencyKey) {
        idempotencyKey = crypto.randomUUID();
        idempotencyKeys.current.set(content, idempotencyKey);
      }
      const message = await unwrap(
        api.POST("/conversations/{conversation_id}/messages", {
          params: { path: { conversation_id: conversationId }, header: { "Idempotency-Key": idempotencyKey } },
          body: { content },
        }),
      );
      idempotencyKeys.current.delete(content);
      return message;
    },
    retry: retryableSend,
    retryDelay: (attempt) => 500 * 2 ** attempt,
    onMutate: async (content) => {
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Message[]>(key);
      const optimistic: Message = {
        id: `optimistic-${Date.now()}`,
        conversation_id: conversationId,
        sender: "operator",
        content,
        message_type: "text",
        created_at: new Date().toISOString(),
        delivery_status: "pending",
        delivery_error: null,
        knowledge_item_ids: [],
      };
      client.setQueryData<Message[]>(key, (messages) => [...(messages ?? []), optimistic]);
      return { previous };
    },
    onError: (_error, _content, context) => client.setQueryData(key, context?.previous),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
    },
  });
}

/**
 * Keeps a conversation the API answered with (handoff, assignment, resolve, reopen): in its own
 * query and in the inbox pages that hold it; the lists and counts are read again, since it may
 * have left or joined a view.
 */
export function storeConversation(client: QueryClient, conversation: Conversation) {
  client.setQueryData(queryKeys.conversation(conversation.id), conversation);
  client.setQueriesData<InfiniteData<Paged<Conversation>>>({ queryKey: queryKeys.inboxLists() }, (data) =>
    mapPages(data, (c) => (c.id === conversation.id ? conversation : c)),
  );
  void client.invalidateQueries({ queryKey: queryKeys.inboxLists() });
  void client.invalidateQueries({ queryKey: queryKeys.inboxSummary() });
  void client.invalidateQueries({ queryKey: queryKeys.conversations(conversation.bot_id) });
}

export function useHandoff(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (active: boolean) =>
      unwrap(
        api.POST("/conversations/{conversation_id}/handoff", {
          params: { path: { conversation_id: conversationId } },
          body: { active },
        }),
      ),
    onSuccess: (conversation: Conversation) => {
      storeConversation(client, conversation);
      void client.invalidateQueries({ queryKey: queryKeys.messages(conversationId) });
    },
  });
}

export function useDeleteConversation(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (conversationId: string) =>
      unwrap(api.DELETE("/conversations/{conversation_id}", { params: { path: { conversation_id: conversationId } } })),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.inboxLists() });
      void client.invalidateQueries({ queryKey: queryKeys.inboxSummary() });
      return client.invalidateQueries({ queryKey: queryKeys.conversations(botId) });
    },
  });
}

/** The bot's approved WhatsApp templates (loaded when the template dialog opens). */
export function useWhatsAppTemplates(botId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryKeys.whatsapp(botId), "templates"],
    enabled,
    queryFn: () => unwrap(api.GET("/bots/{bot_id}/whatsapp-templates", { params: { path: { bot_id: botId } } })),
    select: (page) => page.items,
  });
}

export type TemplateSend = { name: string; language: string; parameters: string[]; idempotencyKey: string };

export function useSendTemplate(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ idempotencyKey, ...body }: TemplateSend) =>
      unwrap(
        api.POST("/conversations/{conversation_id}/template-messages", {
          params: { path: { conversation_id: conversationId }, header: { "Idempotency-Key": idempotencyKey } },
          body,
        }),
      ),
    retry: retryableSend,
    retryDelay: (attempt) => 500 * 2 ** attempt,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.messages(conversationId) });
      void client.invalidateQueries({ queryKey: queryKeys.conversation(conversationId) });
    },
  });
}
