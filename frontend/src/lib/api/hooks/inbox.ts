"use client";

import { useEffect } from "react";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import { storeConversation } from "@/lib/api/hooks/conversations";
import { queryKeys } from "@/lib/api/hooks/keys";
import { asPage, flattenPages, mapPages } from "@/lib/api/hooks/pages";
import { isApiError } from "@/lib/api/problem";
import type {
  Conversation,
  ConversationSource,
  InboxCounts,
  InboxView,
  Note,
  Paged,
  SavedReply,
  SavedReplyInput,
} from "@/lib/api/types";
import { useCurrentTenant } from "@/stores/session";

export const inboxViews: readonly InboxView[] = ["open", "attention", "handed_off", "mine", "unassigned", "resolved"];

export type InboxFilters = { view: InboxView; source?: ConversationSource; bot_id?: string };

/** How often an open dashboard asks whether anything changed. */
export const summaryPollMs = 5000;
/** The list reads pages on its own until it holds this many conversations (pages may be short, even empty). */
const fillTo = 20;
/** …but never more than this many pages in a row without the user asking. */
const maxAutoPages = 20;

/**
 * The team inbox for a view and filters, latest customer message first. A page is one query of
 * the API's index, so it can be short or empty and still have a next page: the next pages are
 * read at once while the list is shorter than `fillTo`; after that `fetchNextPage` ("load more").
 */
export function useInbox(filters: InboxFilters) {
  const query = useInfiniteQuery({
    queryKey: queryKeys.inboxLists(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      asPage<Conversation>(await unwrap(api.GET("/inbox", { params: { query: { ...filters, limit: 25, cursor: pageParam } } }))),
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
  const items = flattenPages(query.data);
  const { hasNextPage, isFetching, isError, fetchNextPage } = query;
  const filling = hasNextPage && items.length < fillTo && (query.data?.pages.length ?? 0) < maxAutoPages;
  useEffect(() => {
    if (filling && !isFetching && !isError) void fetchNextPage();
  }, [filling, isFetching, isError, fetchNextPage]);
  return { ...query, items, filling: filling && !isError };
}

/** The summary as kept between polls: the last marker, and the counts of the last change. */
export type InboxSummaryState = { marker: number; counts: InboxCounts | null };

/**
 * Something in the inbox changed: the lists and whatever conversation is open are read again,
 * with all that hangs under its key (messages, notes, the contact's related conversations and leads).
 */
function refreshInbox(client: QueryClient) {
  void client.invalidateQueries({ queryKey: queryKeys.inboxLists() });
  void client.invalidateQueries({ queryKey: queryKeys.allConversations });
}

function refused(error: unknown): boolean {
  return isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * The inbox's change marker and view counts. With `poll` (one place in the dashboard does it)
 * it is asked every 5 s while the tab is visible, with the last marker as `since`: an unchanged
 * inbox keeps its counts; a change brings new counts and reads the lists and the open
 * conversation again. Without `poll` it only reads what the poller keeps.
 */
export function useInboxSummary({ poll }: { poll: boolean }) {
  const client = useQueryClient();
  const tenantId = useCurrentTenant()?.id ?? null;
  const key = queryKeys.inboxSummary(tenantId);
  return useQuery({
    queryKey: key,
    enabled: poll && tenantId !== null,
    queryFn: async (): Promise<InboxSummaryState> => {
      const previous = client.getQueryData<InboxSummaryState>(key);
      const answer = await unwrap(api.GET("/inbox/summary", { params: { query: { since: previous?.marker } } }));
      if (previous && answer.changed) refreshInbox(client);
      return { marker: answer.marker, counts: answer.counts ?? previous?.counts ?? null };
    },
    // Paused while the tab is hidden (refetchIntervalInBackground is off), asked again on return;
    // stopped by a refusal that asking again will not change (a 4xx other than 408/429).
    refetchInterval: (query) => (poll && !refused(query.state.error) ? summaryPollMs : false),
    staleTime: 0,
  });
}

/**
 * Gives a conversation to a member (`assigneeId`) or to nobody (`null`), if it is still assigned
 * to who the page shows (`expected`). Another member who took it first: 409 `assignment_changed`.
 */
export function useAssign(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ assigneeId, expected }: { assigneeId: string | null; expected: string | null }) =>
      unwrap(
        api.PUT("/conversations/{conversation_id}/assignee", {
          params: { path: { conversation_id: conversationId } },
          body: { assignee_id: assigneeId, expected_assignee_id: expected },
        }),
      ),
    onSuccess: (conversation) => storeConversation(client, conversation),
  });
}

/** Resolve (status `closed`) or reopen (status `handed_off`). */
export function useResolve(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (resolved: boolean) =>
      unwrap(
        resolved
          ? api.POST("/conversations/{conversation_id}/resolve", { params: { path: { conversation_id: conversationId } } })
          : api.POST("/conversations/{conversation_id}/reopen", { params: { path: { conversation_id: conversationId } } }),
      ),
    onSuccess: (conversation) => storeConversation(client, conversation),
  });
}

/** Marks a conversation read: its `unread` goes to zero here and in the lists, and the counts are asked again. */
export function useMarkRead(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST("/conversations/{conversation_id}/read", { params: { path: { conversation_id: conversationId } } })),
    onSuccess: () => {
      const read = (c: Conversation) => (c.id === conversationId ? { ...c, unread: 0 } : c);
      client.setQueryData<Conversation>(queryKeys.conversation(conversationId), (c) => (c ? read(c) : c));
      client.setQueriesData<InfiniteData<Paged<Conversation>>>({ queryKey: queryKeys.inboxLists() }, (data) => mapPages(data, read));
      void client.invalidateQueries({ queryKey: queryKeys.inboxSummary() });
    },
  });
}

/**
 * The same contact's other conversations (with the business's other bots, latest first) and
 * the leads of those conversations and of that number. Read again with the conversation.
 */
export function useRelated(conversationId: string) {
  return useQuery({
    queryKey: queryKeys.related(conversationId),
    queryFn: () =>
      unwrap(api.GET("/conversations/{conversation_id}/related", { params: { path: { conversation_id: conversationId } } })),
  });
}

/** The team's internal notes on a conversation, oldest first. */
export function useNotes(conversationId: string) {
  return useQuery({
    queryKey: queryKeys.notes(conversationId),
    queryFn: async () =>
      (await unwrap(api.GET("/conversations/{conversation_id}/notes", { params: { path: { conversation_id: conversationId } } })))
        .items,
  });
}

export function useAddNote(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      unwrap(api.POST("/conversations/{conversation_id}/notes", { params: { path: { conversation_id: conversationId } }, body: { body } })),
    onSuccess: (note) => client.setQueryData<Note[]>(queryKeys.notes(conversationId), (notes) => [...(notes ?? []), note]),
  });
}

/** By its author, or an admin or the owner (403 for anyone else). */
export function useDeleteNote(conversationId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (noteId: string) =>
      unwrap(
        api.DELETE("/conversations/{conversation_id}/notes/{note_id}", {
          params: { path: { conversation_id: conversationId, note_id: noteId } },
        }),
      ),
    onSuccess: (_, noteId) =>
      client.setQueryData<Note[]>(queryKeys.notes(conversationId), (notes) => notes?.filter((n) => n.id !== noteId)),
  });
}

/** The business's saved replies, by shortcut (`enabled`: read only once something shows them). */
export function useSavedReplies(enabled = true) {
  return useQuery({
    queryKey: queryKeys.savedReplies,
    enabled,
    queryFn: async () => (await unwrap(api.GET("/saved-replies"))).items,
  });
}

function useStoreSavedReplies() {
  const client = useQueryClient();
  return (update: (replies: SavedReply[]) => SavedReply[]) =>
    client.setQueryData<SavedReply[]>(queryKeys.savedReplies, (replies) =>
      update(replies ?? []).sort((a, b) => a.shortcut.localeCompare(b.shortcut)),
    );
}

/** A new saved reply; a shortcut in use is 422 with field `shortcut`, code `shortcut_taken`. */
export function useCreateSavedReply() {
  const store = useStoreSavedReplies();
  return useMutation({
    mutationFn: (body: SavedReplyInput) => unwrap(api.POST("/saved-replies", { body })),
    onSuccess: (reply) => store((replies) => [...replies, reply]),
  });
}

export function useUpdateSavedReply(replyId: string) {
  const store = useStoreSavedReplies();
  return useMutation({
    mutationFn: (body: SavedReplyInput) =>
      unwrap(api.PUT("/saved-replies/{reply_id}", { params: { path: { reply_id: replyId } }, body })),
    onSuccess: (reply) => store((replies) => replies.map((r) => (r.id === reply.id ? reply : r))),
  });
}

export function useDeleteSavedReply() {
  const store = useStoreSavedReplies();
  return useMutation({
    mutationFn: (replyId: string) => unwrap(api.DELETE("/saved-replies/{reply_id}", { params: { path: { reply_id: replyId } } })),
    onSuccess: (_, replyId) => store((replies) => replies.filter((r) => r.id !== replyId)),
  });
}
