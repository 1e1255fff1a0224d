"use client";

import Link from "next/link";
import { useQueries } from "@tanstack/react-query";
import { Bot, CalendarCheck, MessagesSquare, UserPlus, Headset } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { customerLabel, SourceBadge, StatusBadge } from "@/components/conversations/conversation-badges";
import { OverviewChart } from "@/components/overview/overview-chart";
import { ReportSection } from "@/components/overview/report-section";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { PageHeader } from "@/components/shared/page-header";
import { StatCard, StatCardSkeleton } from "@/components/shared/stat-card";
import { useRelativeTime } from "@/components/shared/use-relative-time";
import { api, unwrap } from "@/lib/api/client";
import { useBots } from "@/lib/api/hooks/bots";
import { queryKeys } from "@/lib/api/hooks/keys";
import { asPage } from "@/lib/api/hooks/pages";
import { useStats } from "@/lib/api/hooks/stats";
import type { Conversation } from "@/lib/api/types";
import { useSessionStore } from "@/stores/session";
import { conversationHref } from "@/config/dashboard";

/**
 * Where each of the five counters sits: three to a row on wide screens, then two wider ones;
 * two to a row on tablets, the last one across.
 */
const cardSpans = ["lg:col-span-2", "lg:col-span-2", "lg:col-span-2", "lg:col-span-3", "sm:col-span-2 lg:col-span-3"] as const;

/** How many bots the "recent conversations" card reads from. */
const recentBots = 5;

function useRecentConversations() {
  const bots = useBots();
  const list = bots.data?.slice(0, recentBots) ?? [];
  const results = useQueries({
    queries: list.map((bot) => ({
      queryKey: [...queryKeys.conversations(bot.id), "recent"],
      queryFn: async () =>
        asPage<Conversation>(
          await unwrap(api.GET("/bots/{bot_id}/conversations", { params: { path: { bot_id: bot.id }, query: { limit: 5 } } })),
        ).items,
    })),
  });
  const items = results
    .flatMap((r) => r.data ?? [])
    .sort((a, b) => b.last_message_at.localeCompare(a.last_message_at))
    .slice(0, 6);
  return {
    items,
    botName: (id: string) => bots.data?.find((b) => b.id === id)?.name ?? "",
    isLoading: bots.isLoading || results.some((r) => r.isLoading),
  };
}

export function OverviewView() {
  const t = useTranslations("overview");
  const format = useFormatter();
  const relativeTime = useRelativeTime();
  const user = useSessionStore((s) => s.user);
  const stats = useStats();
  const recent = useRecentConversations();

  return (
    <div className="space-y-8">
      <PageHeader title={t("greeting", { name: user?.full_name.split(" ")[0] ?? "" })} description={t("subtitle")} />

      {stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => stats.refetch()} />
      ) : (
        <>
          <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-6" data-testid="stat-cards">
            {stats.data ? (
              <>
                <StatCard icon={Bot} label={t("cards.bots")} value={format.number(stats.data.bots)} className={cardSpans[0]} />
                <StatCard
                  className={cardSpans[1]}
                  icon={MessagesSquare}
                  label={t("cards.conversations")}
                  value={format.number(stats.data.conversations.last_7_days)}
                  hint={t("cards.total", { count: stats.data.conversations.total })}
                />
                <StatCard
                  className={cardSpans[2]}
                  icon={UserPlus}
                  label={t("cards.leads")}
                  value={format.number(stats.data.leads.total)}
                  hint={t("cards.last7", { count: stats.data.leads.last_7_days })}
                />
                <StatCard
                  className={cardSpans[3]}
                  icon={Headset}
                  label={t("cards.handoffs")}
                  value={format.number(stats.data.handoffs.last_7_days)}
                  hint={t("cards.messages", { count: stats.data.messages.last_7_days })}
                />
                <StatCard
                  className={cardSpans[4]}
                  testId="stat-assistant-appointments"
                  icon={CalendarCheck}
                  label={t("cards.assistantAppointments")}
                  value={format.number(stats.data.assistant_appointments.last_7_days)}
                  hint={t("cards.assistantHint", { count: stats.data.assistant_appointments.total })}
                />
              </>
            ) : (
              cardSpans.map((span, i) => <StatCardSkeleton key={i} className={span} />)
            )}
          </div>

          <Card>
            <CardHeader>
              <CardTitle className="text-lg">{t("chart.title")}</CardTitle>
              <CardDescription>{t("chart.subtitle")}</CardDescription>
            </CardHeader>
            <CardContent>
              {stats.data ? <OverviewChart daily={stats.data.daily} /> : <Skeleton className="h-64 w-full" />}
            </CardContent>
          </Card>
        </>
      )}

      <ReportSection />

      <Card>
        <CardHeader>
          <CardTitle className="text-lg">{t("recent.title")}</CardTitle>
          <CardDescription>{t("recent.subtitle")}</CardDescription>
        </CardHeader>
        <CardContent>
          {recent.isLoading ? (
            <div className="space-y-3">
              {Array.from({ length: 3 }, (_, i) => (
                <Skeleton key={i} className="h-14 w-full" />
              ))}
            </div>
          ) : recent.items.length === 0 ? (
            <EmptyState icon={MessagesSquare} title={t("recent.empty")} className="py-10" />
          ) : (
            <ul className="divide-y" data-testid="recent-conversations">
              {recent.items.map((c) => (
                <li key={c.id}>
                  <Link
                    href={conversationHref(c.id)}
                    className="flex items-center gap-4 rounded-xl px-2 py-3 transition-colors hover:bg-accent/60"
                  >
                    <div className="min-w-0 flex-1">
                      <div className="flex flex-wrap items-center gap-2 text-sm font-medium">
                        {customerLabel(c)}
                        <span className="text-xs font-normal text-muted-foreground">· {recent.botName(c.bot_id)}</span>
                      </div>
                      <p className="truncate text-sm text-muted-foreground">{c.last_message_preview}</p>
                    </div>
                    <div className="hidden shrink-0 items-center gap-2 sm:flex">
                      <SourceBadge source={c.source} />
                      <StatusBadge status={c.status} />
                    </div>
                    <time className="shrink-0 text-xs text-muted-foreground" dateTime={c.last_message_at}>
                      {relativeTime(c.last_message_at)}
                    </time>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
