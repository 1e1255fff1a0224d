"use client";

import { useTranslations } from "next-intl";

import { Card } from "@/components/ui/card";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ConversationItems } from "@/components/conversations/conversation-items";
import { useConversations, type ConversationFilters } from "@/lib/api/hooks/conversations";
import { flattenPages } from "@/lib/api/hooks/pages";
import type { ConversationSource, ConversationStatus } from "@/lib/api/types";

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
        <ConversationItems
          query={conversations}
          items={items}
          selectedId={selectedId}
          onSelect={onSelect}
          empty={{ title: t("empty"), description: t("emptyHint") }}
          testId="conversation-list"
        />
      </div>
    </Card>
  );
}
