"use client";

import { useId } from "react";
import { useTranslations } from "next-intl";

import { tabsTriggerClass } from "@/components/ui/tabs";
import { ConversationItems, UnreadBadge } from "@/components/conversations/conversation-items";
import { NotificationPrompt } from "@/components/inbox/notification-prompt";
import type { InboxParams } from "@/components/inbox/use-inbox-params";
import { FilterSelect } from "@/components/shared/filter-select";
import { useBots } from "@/lib/api/hooks/bots";
import { inboxViews, useInbox, useInboxSummary } from "@/lib/api/hooks/inbox";
import type { ConversationSource, InboxCounts, InboxView } from "@/lib/api/types";
import { cn } from "@/lib/utils";

/**
 * The views as a navigation list, each with its size and how many of its conversations have
 * unread messages. One view a line where the pane is narrow (a phone, the inbox's side column),
 * two side by side where it is wide, and a label may wrap: none is ever cut short.
 */
function ViewTabs({ view, onChange }: { view: InboxView; onChange: (view: InboxView) => void }) {
  const t = useTranslations("inbox");
  const counts: InboxCounts | null = useInboxSummary({ poll: false }).data?.counts ?? null;
  return (
    <nav aria-label={t("views.label")} data-testid="inbox-views">
      <ul className="grid grid-cols-1 gap-0.5 rounded-xl bg-muted p-1 sm:grid-cols-2 lg:grid-cols-1">
        {inboxViews.map((v) => {
          // Resolved conversations are not counted (the summary counts open views only).
          const count = v === "resolved" ? null : (counts?.[v] ?? null);
          const active = view === v;
          return (
            <li key={v}>
              <button
                type="button"
                aria-current={active ? "true" : undefined}
                data-state={active ? "active" : "inactive"}
                onClick={() => onChange(v)}
                className={cn(tabsTriggerClass, "h-auto min-h-8 w-full justify-between gap-2 px-2.5 py-1 text-left whitespace-normal")}
                data-testid={`inbox-view-${v}`}
              >
                <span className="min-w-0 break-words">{t(`views.${v}`)}</span>
                {count && (
                  <span className="flex shrink-0 items-center gap-1.5">
                    <span className="text-xs tabular-nums" data-testid={`inbox-count-${v}`}>
                      {count.conversations}
                    </span>
                    {count.unread > 0 && (
                      <UnreadBadge
                        count={count.unread}
                        label={t("unreadConversations", { count: count.unread })}
                        testId={`inbox-unread-${v}`}
                      />
                    )}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function Filters({ params, update }: { params: InboxParams; update: (changes: Partial<InboxParams>) => void }) {
  const t = useTranslations("inbox.filters");
  const conversations = useTranslations("conversations.source");
  const bots = useBots();
  const channels: { value: ConversationSource; label: string }[] = [
    { value: "whatsapp", label: conversations("whatsapp") },
    { value: "web_widget", label: conversations("web_widget") },
  ];
  return (
    <div className="flex gap-2">
      <FilterSelect
        value={params.source}
        onChange={(source) => update({ source })}
        allLabel={t("allChannels")}
        options={channels}
        label={t("channel")}
        className="min-w-0 flex-1"
        testId="inbox-source"
      />
      {bots.data && (bots.data.length > 1 || params.bot) && (
        <FilterSelect
          value={params.bot}
          onChange={(bot) => update({ bot })}
          allLabel={t("allBots")}
          options={bots.data.map((b) => ({ value: b.id, label: b.name }))}
          label={t("bot")}
          className="min-w-0 flex-1"
          testId="inbox-bot"
        />
      )}
    </div>
  );
}

/** The inbox's left pane: its title, the views, the filters and the conversations of the view. */
export function InboxList({
  params,
  update,
  onSelect,
  className,
}: {
  params: InboxParams;
  update: (changes: Partial<InboxParams>) => void;
  onSelect: (id: string) => void;
  className?: string;
}) {
  const t = useTranslations("inbox");
  const titleId = useId();
  const inbox = useInbox({ view: params.view, source: params.source ?? undefined, bot_id: params.bot ?? undefined });
  return (
    <section aria-labelledby={titleId} className={cn("min-h-0 flex-col overflow-hidden rounded-2xl border bg-card", className)}>
      <div className="space-y-3 border-b p-3">
        <h1 id={titleId} className="text-lg font-semibold tracking-tight">
          {t("title")}
        </h1>
        <NotificationPrompt />
        <ViewTabs view={params.view} onChange={(view) => update({ view })} />
        <Filters params={params} update={update} />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto" data-testid="inbox-list">
        <ConversationItems
          query={inbox}
          items={inbox.items}
          filling={inbox.filling}
          selectedId={params.c}
          onSelect={onSelect}
          empty={{ title: t(`empty.${params.view}`) }}
        />
      </div>
    </section>
  );
}
