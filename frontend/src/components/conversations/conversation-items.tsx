"use client";

import { CircleAlert, Loader2, MessagesSquare, UserCheck } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { customerLabel, SourceBadge, StatusBadge } from "@/components/conversations/conversation-badges";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { useMembers } from "@/components/shared/use-members";
import { useRelativeTime } from "@/components/shared/use-relative-time";
import type { Conversation } from "@/lib/api/types";
import { cn, initials } from "@/lib/utils";

/** The initials of who a conversation is assigned to (the name for screen readers and on hover). */
function AssigneeInitials({ name }: { name: string }) {
  const t = useTranslations("inbox");
  return (
    <span
      className="flex size-6 shrink-0 items-center justify-center rounded-full bg-secondary text-[10px] font-semibold text-secondary-foreground"
      title={t("assignedTo", { name })}
      data-testid="conversation-assignee"
    >
      <span aria-hidden>{initials(name)}</span>
      <span className="sr-only">{t("assignedTo", { name })}</span>
    </span>
  );
}

/** The number of customer messages nobody on the team has read yet. */
export function UnreadBadge({ count, label, testId }: { count: number; label: string; testId?: string }) {
  return (
    <span
      className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-primary px-1.5 text-[11px] font-semibold text-primary-foreground tabular-nums"
      data-testid={testId}
    >
      <span aria-hidden>{count > 99 ? "99+" : count}</span>
      <span className="sr-only">{label}</span>
    </span>
  );
}

function ConversationItem({
  conversation: c,
  selected,
  assignee,
  onSelect,
}: {
  conversation: Conversation;
  selected: boolean;
  assignee: string | undefined;
  onSelect: () => void;
}) {
  const t = useTranslations("conversations");
  const inbox = useTranslations("inbox");
  const relativeTime = useRelativeTime();
  const unread = c.unread ?? 0;
  return (
    <button
      type="button"
      onClick={onSelect}
      aria-current={selected ? "true" : undefined}
      data-conversation-id={c.id}
      data-unread={unread}
      className={cn(
        "flex w-full flex-col gap-1.5 px-4 py-3 text-left transition-colors outline-none hover:bg-accent/60 focus-visible:bg-accent focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset",
        selected && "bg-accent",
      )}
    >
      <div className="flex w-full items-center gap-2">
        <span className={cn("min-w-0 flex-1 truncate text-sm", unread > 0 ? "font-semibold" : "font-medium")}>{customerLabel(c)}</span>
        {c.needs_attention && <CircleAlert className="size-4 shrink-0 text-warning" role="img" aria-label={t("needsAttention")} />}
        {c.has_lead && <UserCheck className="size-4 shrink-0 text-success" role="img" aria-label={t("hasLead")} />}
        <time className="shrink-0 text-xs text-muted-foreground" dateTime={c.last_message_at}>
          {relativeTime(c.last_message_at)}
        </time>
      </div>
      <div className="flex w-full items-center gap-2">
        <p className="min-w-0 flex-1 truncate text-sm text-muted-foreground">{c.last_message_preview || "—"}</p>
        {unread > 0 && <UnreadBadge count={unread} label={inbox("unreadMessages", { count: unread })} testId="conversation-unread" />}
      </div>
      <div className="flex w-full items-center gap-1.5">
        <SourceBadge source={c.source} />
        <StatusBadge status={c.status} />
        <span className="flex-1" />
        {assignee && <AssigneeInitials name={assignee} />}
      </div>
    </button>
  );
}

/** The part of an infinite list query the list shows. */
type ListQuery = {
  isError: boolean;
  error: unknown;
  isPending: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  refetch: () => unknown;
  fetchNextPage: () => unknown;
};

/**
 * A list of conversations to choose from (one bot's, or the inbox's), with its loading, error
 * and empty states and "load more". `filling`: more pages are being read on their own.
 */
export function ConversationItems({
  query,
  items,
  filling = false,
  selectedId,
  onSelect,
  empty,
  testId,
}: {
  query: ListQuery;
  items: Conversation[];
  filling?: boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  empty: { title: string; description?: string };
  /** The list's test id (the inbox names its scroll region instead). */
  testId?: string;
}) {
  const common = useTranslations("common");
  const { nameById } = useMembers();
  if (query.isError && items.length === 0) {
    return <ErrorState error={query.error} onRetry={() => query.refetch()} className="m-3" />;
  }
  if (query.isPending || (filling && items.length === 0)) {
    return (
      <div className="space-y-2 p-3" aria-busy="true">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-16 w-full" />
        ))}
      </div>
    );
  }
  return (
    <>
      {items.length === 0 ? (
        <EmptyState icon={MessagesSquare} title={empty.title} description={empty.description} className="m-3 border-0" />
      ) : (
        <ul className="divide-y" data-testid={testId}>
          {items.map((c) => (
            <li key={c.id}>
              <ConversationItem
                conversation={c}
                selected={c.id === selectedId}
                assignee={nameById(c.assignee_id)}
                onSelect={() => onSelect(c.id)}
              />
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <div className="flex justify-center p-3">
          <Button
            variant="outline"
            size="sm"
            onClick={() => query.fetchNextPage()}
            disabled={query.isFetchingNextPage || filling}
            data-testid="load-more"
          >
            {(query.isFetchingNextPage || filling) && <Loader2 className="animate-spin" />}
            {common("loadMore")}
          </Button>
        </div>
      )}
    </>
  );
}
