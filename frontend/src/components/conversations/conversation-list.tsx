"use client";

import { CircleAlert, Loader2, MessagesSquare, UserCheck } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { maskUserId, SourceBadge, StatusBadge } from "@/components/conversations/conversation-badges";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { useRelativeTime } from "@/components/shared/use-relative-time";
import { useConversations, type ConversationFilters } from "@/lib/api/hooks/conversations";
import { flattenPages } from "@/lib/api/hooks/pages";
import type { ConversationSource, ConversationStatus } from "@/lib/api/types";
import { cn } from "@/lib/utils";

const all = "all";

export function ConversationList({
  botId,
  filters,
  onFiltersChange,
  selectedId,
  onSelect,
}: {
  botId: string;
  filters: ConversationFilters;
  onFiltersChange: (filters: ConversationFilters) => void;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const t = useTranslations("conversations");
  const common = useTranslations("common");
  const relativeTime = useRelativeTime();
  const conversations = useConversations(botId, filters);
  const items = flattenPages(conversations.data);
  const sourceLabels = [t("filters.allSources"), t("source.whatsapp"), t("source.web_widget")];
  const statusLabels = [t("filters.allStatuses"), t("status.bot"), t("status.handed_off"), t("status.closed")];
  const leadLabels = [t("filters.allLeads"), t("filters.withLead"), t("filters.withoutLead")];

  return (
    <Card className="gap-0 overflow-hidden py-0">
      {/* Each filter is as wide as its longest option; they wrap rather than cut a label short. */}
      <div className="flex flex-wrap gap-2 border-b p-3" data-testid="conversation-filters">
        <Select
          value={filters.source ?? all}
          onValueChange={(v) => onFiltersChange({ ...filters, source: v === all ? undefined : (v as ConversationSource) })}
        >
          <SelectTrigger size="sm" aria-label={t("filters.source")} className="grow" widthOf={sourceLabels}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={all}>{t("filters.allSources")}</SelectItem>
            <SelectItem value="whatsapp">{t("source.whatsapp")}</SelectItem>
            <SelectItem value="web_widget">{t("source.web_widget")}</SelectItem>
          </SelectContent>
        </Select>
        <Select
          value={filters.status ?? all}
          onValueChange={(v) => onFiltersChange({ ...filters, status: v === all ? undefined : (v as ConversationStatus) })}
        >
          <SelectTrigger size="sm" aria-label={t("filters.status")} className="grow" widthOf={statusLabels}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={all}>{t("filters.allStatuses")}</SelectItem>
            <SelectItem value="bot">{t("status.bot")}</SelectItem>
            <SelectItem value="handed_off">{t("status.handed_off")}</SelectItem>
            <SelectItem value="closed">{t("status.closed")}</SelectItem>
          </SelectContent>
        </Select>
        <Select
          value={filters.has_lead === undefined ? all : String(filters.has_lead)}
          onValueChange={(v) => onFiltersChange({ ...filters, has_lead: v === all ? undefined : v === "true" })}
        >
          <SelectTrigger size="sm" aria-label={t("filters.lead")} className="grow" widthOf={leadLabels}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={all}>{t("filters.allLeads")}</SelectItem>
            <SelectItem value="true">{t("filters.withLead")}</SelectItem>
            <SelectItem value="false">{t("filters.withoutLead")}</SelectItem>
          </SelectContent>
        </Select>
      </div>

      <div className="max-h-[70vh] min-h-64 overflow-y-auto">
        {conversations.isError ? (
          <ErrorState error={conversations.error} onRetry={() => conversations.refetch()} className="m-3" />
        ) : conversations.isPending ? (
          <div className="space-y-2 p-3">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        ) : items.length === 0 ? (
          <EmptyState icon={MessagesSquare} title={t("empty")} description={t("emptyHint")} className="m-3 border-0" />
        ) : (
          <ul className="divide-y" data-testid="conversation-list">
            {items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  onClick={() => onSelect(c.id)}
                  aria-current={c.id === selectedId ? "true" : undefined}
                  className={cn(
                    "flex w-full flex-col gap-1.5 px-4 py-3 text-left transition-colors outline-none hover:bg-accent/60 focus-visible:bg-accent",
                    c.id === selectedId && "bg-accent",
                  )}
                >
                  <div className="flex items-center gap-2">
                    <span className="min-w-0 flex-1 truncate text-sm font-medium">{c.contact_name ?? maskUserId(c.external_user_id)}</span>
                    {c.needs_attention && <CircleAlert className="size-4 shrink-0 text-warning" role="img" aria-label={t("needsAttention")} />}
                    {c.has_lead && <UserCheck className="size-4 shrink-0 text-success" role="img" aria-label={t("hasLead")} />}
                    <time className="shrink-0 text-xs text-muted-foreground" dateTime={c.last_message_at}>
                      {relativeTime(c.last_message_at)}
                    </time>
                  </div>
                  <p className="truncate text-sm text-muted-foreground">{c.last_message_preview || "—"}</p>
                  <div className="flex gap-1.5">
                    <SourceBadge source={c.source} />
                    <StatusBadge status={c.status} />
                  </div>
                </button>
              </li>
            ))}
          </ul>
        )}
        {conversations.hasNextPage && (
          <div className="flex justify-center p-3">
            <Button variant="outline" size="sm" onClick={() => conversations.fetchNextPage()} disabled={conversations.isFetchingNextPage}>
              {conversations.isFetchingNextPage && <Loader2 className="animate-spin" />}
              {common("loadMore")}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
