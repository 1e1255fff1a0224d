"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

import { useInboxSummary } from "@/lib/api/hooks/inbox";
import { beep, notify } from "@/lib/inbox-alerts";
import { useCurrentTenant } from "@/stores/session";

const countPrefix = /^\(\d+\) /;

/**
 * Puts "(n) " before the page title while n conversations have unread customer messages. The
 * title is watched, so a title Next.js sets on navigation gets the count again.
 */
function useTitleCount(count: number) {
  useEffect(() => {
    const apply = () => {
      const base = document.title.replace(countPrefix, "");
      const next = count > 0 ? `(${count}) ${base}` : base;
      if (document.title !== next) document.title = next;
    };
    apply();
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      observer.disconnect();
      document.title = document.title.replace(countPrefix, "");
    };
  }, [count]);
}

/**
 * Mounted once in the dashboard: polls the inbox summary (every view's counts, and what to read
 * again), keeps the unread count in the tab's title, and when more conversations wait for a
 * person than at the previous poll, beeps and (when allowed, and the page is not in front)
 * shows a desktop notification.
 */
export function InboxWatcher() {
  const t = useTranslations("inbox.alerts");
  const router = useRouter();
  const tenantId = useCurrentTenant()?.id ?? null;
  const counts = useInboxSummary({ poll: true }).data?.counts ?? null;
  const last = useRef<{ tenantId: string; handedOff: number; attention: number } | null>(null);
  useTitleCount(counts?.open.unread ?? 0);

  useEffect(() => {
    if (!counts || !tenantId) return;
    const previous = last.current;
    const now = { tenantId, handedOff: counts.handed_off.conversations, attention: counts.attention.conversations };
    last.current = now;
    if (!previous || previous.tenantId !== tenantId) return;
    if (now.handedOff <= previous.handedOff && now.attention <= previous.attention) return;
    beep();
    if (document.hidden || !document.hasFocus()) {
      notify(t("title"), t("body"), () => router.push("/dashboard/conversations?view=attention"));
    }
  }, [counts, tenantId, router, t]);

  return null;
}
