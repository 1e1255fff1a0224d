"use client";

import { useId } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Skeleton } from "@/components/ui/skeleton";
import { SourceBadge } from "@/components/conversations/conversation-badges";
import { InlineRetry } from "@/components/shared/inline-retry";
import { useRelativeTime } from "@/components/shared/use-relative-time";
import { conversationHref, leadHref } from "@/config/dashboard";
import { useBots } from "@/lib/api/hooks/bots";
import { useRelated } from "@/lib/api/hooks/inbox";
import type { Conversation, Lead, LeadStatus } from "@/lib/api/types";
import { formatPhone } from "@/lib/phone";
import { cn } from "@/lib/utils";

const itemClass =
  "block space-y-1 rounded-xl border px-3 py-2 text-left transition-colors outline-none hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/50";

const leadBadge: Record<LeadStatus, "default" | "secondary" | "success" | "outline"> = {
  new: "default",
  contacted: "secondary",
  won: "success",
  lost: "outline",
};

function RelatedSection({ title, testId, children }: { title: string; testId: string; children: React.ReactNode }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="space-y-2" data-testid={testId}>
      <h3 id={titleId} className="text-sm font-medium">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** Another conversation of the contact: the bot, when it was last written in, its last words and the channel. */
function RelatedConversation({ conversation: c, botName }: { conversation: Conversation; botName: string }) {
  const relativeTime = useRelativeTime();
  return (
    <Link href={conversationHref(c.id)} className={itemClass} data-testid="related-conversation" data-conversation-id={c.id}>
      <span className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium">{botName}</span>
        <time className="shrink-0 text-xs text-muted-foreground" dateTime={c.last_message_at}>
          {relativeTime(c.last_message_at)}
        </time>
      </span>
      <span className="block truncate text-xs text-muted-foreground">{c.last_message_preview || "—"}</span>
      <span className="flex">
        <SourceBadge source={c.source} />
      </span>
    </Link>
  );
}

/** A lead of the contact: name, status and how to reach them, a link to it on the leads page. */
function RelatedLead({ lead }: { lead: Lead }) {
  const t = useTranslations("leads.status");
  const contact = [lead.phone && formatPhone(lead.phone), lead.email].filter(Boolean).join(" · ");
  return (
    <Link href={leadHref(lead)} className={itemClass} data-testid="related-lead" data-lead-id={lead.id}>
      <span className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate text-sm font-medium">{lead.name || "—"}</span>
        <Badge variant={leadBadge[lead.status]}>{t(lead.status)}</Badge>
      </span>
      {contact && <span className="block text-xs break-all text-muted-foreground">{contact}</span>}
    </Link>
  );
}

/**
 * What the business knows of the conversation's contact: their conversations with its other
 * bots (a quiet line when there are none) and their leads (left out when there are none).
 */
export function RelatedContact({ conversationId, className }: { conversationId: string; className?: string }) {
  const t = useTranslations("inbox.related");
  const related = useRelated(conversationId);
  const bots = useBots();
  const botName = (botId: string) => bots.data?.find((b) => b.id === botId)?.name ?? t("botFallback");
  const leads = related.data?.leads ?? [];

  return (
    <div className={cn("space-y-4", className)}>
      <RelatedSection title={t("conversations")} testId="related-conversations">
        {related.isPending ? (
          <div aria-busy="true">
            <Skeleton className="h-16 rounded-xl" />
          </div>
        ) : related.isError ? (
          <InlineRetry message={t("failed")} onRetry={() => related.refetch()} />
        ) : related.data.conversations.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="related-conversations-empty">
            {t("noConversations")}
          </p>
        ) : (
          <ul className="space-y-2">
            {related.data.conversations.map((c) => (
              <li key={c.id}>
                <RelatedConversation conversation={c} botName={botName(c.bot_id)} />
              </li>
            ))}
          </ul>
        )}
      </RelatedSection>
      {leads.length > 0 && (
        <RelatedSection title={t("leads")} testId="related-leads">
          <ul className="space-y-2">
            {leads.map((lead) => (
              <li key={lead.id}>
                <RelatedLead lead={lead} />
              </li>
            ))}
          </ul>
        </RelatedSection>
      )}
    </div>
  );
}
