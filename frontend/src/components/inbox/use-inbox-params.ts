"use client";

import { useSearchParams } from "next/navigation";

import { inboxViews } from "@/lib/api/hooks/inbox";
import type { ConversationSource, InboxView } from "@/lib/api/types";

/** What the inbox shows, kept in its address (`?view=&source=&bot=&c=`) so a reload or a link keeps it. */
export type InboxParams = {
  view: InboxView;
  source: ConversationSource | null;
  bot: string | null;
  /** The open conversation. */
  c: string | null;
};

const sources: readonly ConversationSource[] = ["whatsapp", "web_widget"];
const id = /^[0-9a-hjkmnp-tv-z]{26}$/;

function parse(params: URLSearchParams): InboxParams {
  const bot = params.get("bot");
  const c = params.get("c");
  return {
    view: inboxViews.find((v) => v === params.get("view")) ?? "open",
    source: sources.find((s) => s === params.get("source")) ?? null,
    bot: bot && id.test(bot) ? bot : null,
    c: c && id.test(c) ? c : null,
  };
}

/**
 * The inbox's parameters and a way to change them. The address changes through the History API
 * (Next.js's router follows it), so nothing is fetched from the server: opening a conversation
 * is a new history entry (Back returns to the list on a phone), filters replace the current one.
 */
export function useInboxParams() {
  const params = parse(useSearchParams());
  function update(changes: Partial<InboxParams>, mode: "push" | "replace" = "replace") {
    const next = { ...params, ...changes };
    const query = new URLSearchParams();
    if (next.view !== "open") query.set("view", next.view);
    if (next.source) query.set("source", next.source);
    if (next.bot) query.set("bot", next.bot);
    if (next.c) query.set("c", next.c);
    const url = query.size > 0 ? `${window.location.pathname}?${query}` : window.location.pathname;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }
  return [params, update] as const;
}
