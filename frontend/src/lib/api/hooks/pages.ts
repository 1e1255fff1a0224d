import type { InfiniteData } from "@tanstack/react-query";

import type { Paged } from "@/lib/api/types";

/** Flattens the pages of an infinite list into one array. */
export function flattenPages<T>(data: InfiniteData<Paged<T>> | undefined): T[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}

/** Applies `update` to every item of every cached page (optimistic edits). */
export function mapPages<T>(
  data: InfiniteData<Paged<T>> | undefined,
  update: (item: T) => T | null,
): InfiniteData<Paged<T>> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map(update).filter((item): item is T => item !== null),
    })),
  };
}

/**
 * Reads `{items, next_cursor}` off a generated page type. The spec describes
 * pages as `Page` (items: unknown[]) combined with the item schema, which the
 * generated response type does not narrow, so the caller names the item type.
 */
export function asPage<T>(page: { items?: readonly unknown[]; next_cursor: string | null }): Paged<T> {
  return { items: (page.items ?? []) as T[], next_cursor: page.next_cursor };
}
