"use client";

import { MessagesSquare } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { Bar, ComposedChart, Line } from "recharts";

import { chartChrome, ChartFrame, chartMargin } from "@/components/overview/chart-parts";
import { useReportFormat } from "@/components/overview/report-figures";
import { EmptyState } from "@/components/shared/empty-state";
import type { Bot, StatsReport } from "@/lib/api/types";
import { dayAsDate } from "@/lib/appointments/time";
import { conversationsByBot } from "@/lib/stats/report";

/**
 * Conversations begun (bars) and handoffs (a line) on each day of the range. The chart answers
 * the arrow keys (Recharts' accessibility layer); screen readers get the same numbers as a
 * table, visually hidden.
 */
export function DailyReportChart({ days }: { days: StatsReport["days"] }) {
  const t = useTranslations("overview.report.daily");
  const format = useFormatter();
  const data = days.map((day) => ({
    date: day.date,
    label: format.dateTime(dayAsDate(day.date), { day: "numeric", month: "short", timeZone: "UTC" }),
    conversations: day.figures.conversations,
    handoffs: day.figures.handoffs,
  }));
  return (
    <div data-testid="report-daily">
      <ChartFrame>
        <ComposedChart data={data} margin={chartMargin} aria-label={t("label")}>
          {chartChrome({ cursor: { fill: "var(--muted)" } })}
          <Bar dataKey="conversations" name={t("conversations")} fill="var(--chart-1)" radius={[4, 4, 0, 0]} maxBarSize={28} />
          <Line type="monotone" dataKey="handoffs" name={t("handoffs")} stroke="var(--chart-3)" strokeWidth={2} dot={false} />
        </ComposedChart>
      </ChartFrame>
      {/* A table ignores the 1 px width of sr-only: the wrapper clips it instead. */}
      <div className="sr-only">
      <table data-testid="report-daily-table">
        <caption>{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("day")}</th>
            <th scope="col">{t("conversations")}</th>
            <th scope="col">{t("handoffs")}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((day) => (
            <tr key={day.date}>
              <th scope="row">{format.dateTime(dayAsDate(day.date), { dateStyle: "medium", timeZone: "UTC" })}</th>
              <td>{format.number(day.conversations)}</td>
              <td>{format.number(day.handoffs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </div>
  );
}

/** The channels a report's rows name (`dashboard`: leads the team entered). */
const channels = ["whatsapp", "web_widget", "dashboard"] as const;

/**
 * Conversations per bot and channel as horizontal bars, the busiest first. Each bar's numbers
 * are written beside it, so the bars themselves are decoration.
 */
export function BotReportChart({ byBot, bots }: { byBot: StatsReport["by_bot"]; bots: readonly Bot[] | undefined }) {
  const t = useTranslations("overview.report.byBot");
  const channel = useTranslations("leads.source");
  const show = useReportFormat();
  const rows = conversationsByBot(byBot);
  if (rows.length === 0) return <EmptyState icon={MessagesSquare} title={t("empty")} className="py-10" />;
  const most = rows[0]!.conversations;
  return (
    <ul className="space-y-4" data-testid="report-by-bot">
      {rows.map((row) => {
        const name = bots?.find((bot) => bot.id === row.bot_id)?.name ?? t("unknownBot");
        const known = channels.find((c) => c === row.source);
        const source = known ? channel(known) : row.source;
        return (
          <li key={`${row.bot_id}-${row.source}`} data-testid="report-by-bot-row">
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="min-w-0 truncate font-medium" title={`${name} · ${source}`}>
                {name} <span className="font-normal text-muted-foreground">· {source}</span>
              </span>
              <span className="shrink-0 font-semibold tabular-nums">{t("count", { count: row.conversations })}</span>
            </div>
            <div className="mt-1.5 h-2.5 overflow-hidden rounded-full bg-muted" aria-hidden>
              <div className="h-full rounded-full bg-chart-1" style={{ width: `${Math.max(2, (row.conversations / most) * 100)}%` }} />
            </div>
            <p className="mt-1 text-xs text-muted-foreground">
              {t("detail", { share: show.percent(row.answered_by_bot_share), handoffs: row.handoffs })}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
