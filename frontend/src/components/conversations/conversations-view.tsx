"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";

import { BotSubnav } from "@/components/bots/bot-subnav";
import { ConversationDetail } from "@/components/conversations/conversation-detail";
import { ConversationList } from "@/components/conversations/conversation-list";
import { PageHeader } from "@/components/shared/page-header";
import { useBot } from "@/lib/api/hooks/bots";
import type { ConversationFilters } from "@/lib/api/hooks/conversations";
import { cn } from "@/lib/utils";

export function ConversationsView({ botId, selectedId }: { botId: string; selectedId: string | null }) {
  const t = useTranslations("conversations");
  const bot = useBot(botId);
  const router = useRouter();
  const [filters, setFilters] = useState<ConversationFilters>({});
  const base = `/dashboard/bots/${botId}/conversations`;

  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={bot.data ? t("subtitle", { name: bot.data.name }) : undefined} />
      <BotSubnav botId={botId} />
      {/* minmax(0, …) columns and min-w-0 items: truncated lines must not widen the page on a phone. */}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-[360px_minmax(0,1fr)]">
        <div className={cn("min-w-0", selectedId && "hidden lg:block")}>
          <ConversationList
            botId={botId}
            filters={filters}
            onFiltersChange={setFilters}
            selectedId={selectedId}
            onSelect={(id) => router.replace(`${base}?c=${id}`, { scroll: false })}
          />
        </div>
        <div className={cn("min-w-0", !selectedId && "hidden lg:block")}>
          <ConversationDetail
            key={selectedId ?? "none"}
            conversationId={selectedId}
            onBack={() => router.replace(base, { scroll: false })}
            onDeleted={() => router.replace(base, { scroll: false })}
          />
        </div>
      </div>
    </div>
  );
}
