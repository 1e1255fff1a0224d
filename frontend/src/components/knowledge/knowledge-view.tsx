"use client";

import { useTranslations } from "next-intl";

import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { BotSubnav } from "@/components/bots/bot-subnav";
import { KnowledgeGaps } from "@/components/knowledge/knowledge-gaps";
import { KnowledgeTable } from "@/components/knowledge/knowledge-table";
import { TestPanel } from "@/components/knowledge/test-panel";
import { PageHeader } from "@/components/shared/page-header";
import { useBot } from "@/lib/api/hooks/bots";

export function KnowledgeView({ botId, initialTab }: { botId: string; initialTab: "items" | "gaps" | "test" }) {
  const t = useTranslations("knowledge");
  const bot = useBot(botId);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={bot.data ? t("subtitle", { name: bot.data.name }) : undefined} />
      <BotSubnav botId={botId} />
      <Tabs defaultValue={initialTab}>
        <TabsList>
          <TabsTrigger value="items">{t("tabs.items")}</TabsTrigger>
          <TabsTrigger value="gaps" data-testid="gaps-tab">
            {t("tabs.gaps")}
          </TabsTrigger>
          <TabsTrigger value="test" data-testid="test-tab">
            {t("tabs.test")}
          </TabsTrigger>
        </TabsList>
        <TabsContent value="items">
          <KnowledgeTable botId={botId} />
        </TabsContent>
        <TabsContent value="gaps">
          <KnowledgeGaps botId={botId} />
        </TabsContent>
        <TabsContent value="test">
          <TestPanel botId={botId} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
