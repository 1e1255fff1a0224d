"use client";

import { useEffect, useRef } from "react";

import { useMarkRead } from "@/lib/api/hooks/inbox";
import type { Conversation } from "@/lib/api/types";

/**
 * Marks the open conversation read: when it is opened, and again whenever customer messages
 * arrive (`unread` above zero) while the tab is visible; a hidden tab waits until it is shown.
 * Each conversation/unread count is marked once, so a failing call is not repeated in a loop.
 */
export function useReadWhileOpen(conversation: Conversation | undefined) {
  const { mutate } = useMarkRead(conversation?.id ?? "none");
  const marked = useRef<string | null>(null);
  const id = conversation?.id;
  const unread = conversation?.unread ?? 0;

  useEffect(() => {
    if (!id) return;
    const mark = () => {
      const key = `${id}:${unread}`;
      if (document.hidden || marked.current === key) return;
      const opened = marked.current?.startsWith(`${id}:`) ?? false;
      marked.current = key;
      // Read already (here, or by a reply): nothing to mark until customer messages arrive.
      if (opened && unread === 0) return;
      mutate();
    };
    mark();
    document.addEventListener("visibilitychange", mark);
    return () => document.removeEventListener("visibilitychange", mark);
  }, [id, unread, mutate]);
}
