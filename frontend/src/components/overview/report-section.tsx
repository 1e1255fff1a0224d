"use client";

import { useId, useState } from "react";
import { Loader2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { BotReportChart, DailyReportChart } from "@/components/overview/report-charts";
import { ReportFigures } from "@/components/overview/report-figures";
import { ErrorState } from "@/components/shared/error-state";
import { ExportButton } from "@/components/shared/export-button";
import { FilterSelect } from "@/components/shared/filter-select";
import { PageHeader } from "@/components/shared/page-header";
import { SectionCard } from "@/components/shared/section-card";
import { ToggleButtons } from "@/components/shared/toggle-buttons";
import { useBots } from "@/lib/api/hooks/bots";
import { exportStatsReport, useStatsReport, type ReportParams } from "@/lib/api/hooks/stats";
import type { ConversationSource } from "@/lib/api/types";
import { dayAsDate } from "@/lib/appointments/time";
import { lastDays, maxReportDays, presetOf, rangeIssue, reportPresets, utcDay } from "@/lib/stats/report";

const sources: readonly ConversationSource[] = ["whatsapp", "web_widget"];

/**
 * "The numbers that matter" over a range of UTC days (the last 30 at first): figures, a daily
 * chart and conversations per bot and channel, filtered by bot and channel, and their CSV.
 * A preset fills the two dates; editing a date makes the range custom.
 */
export function ReportSection() {
  const t = useTranslations("overview.report");
  const channel = useTranslations("conversations.source");
  const format = useFormatter();
  const ids = { title: useId(), from: useId(), to: useId(), issue: useId(), bot: useId(), source: useId() };
  const [today] = useState(() => utcDay());
  const [range, setRange] = useState(() => lastDays(30, today));
  const [botId, setBotId] = useState<string | null>(null);
  const [source, setSource] = useState<ConversationSource | null>(null);
  const bots = useBots();
  const issue = rangeIssue(range.from, range.to);
  const params: ReportParams = { ...range, bot_id: botId ?? undefined, source: source ?? undefined };
  const report = useStatsReport(params, { enabled: issue === null });
  const data = report.data;
  const dateInput = (edge: "from" | "to") => (
    <div className="min-w-0 space-y-1.5">
      <Label htmlFor={ids[edge]}>{t(edge)}</Label>
      <Input
        id={ids[edge]}
        type="date"
        value={range[edge]}
        min={edge === "to" ? range.from : undefined}
        max={edge === "from" ? range.to : today}
        onChange={(event) => setRange({ ...range, [edge]: event.target.value })}
        aria-invalid={issue !== null}
        aria-describedby={issue ? ids.issue : undefined}
        data-testid={`report-${edge}`}
      />
    </div>
  );

  return (
    <section aria-labelledby={ids.title} className="space-y-4" data-testid="report">
      <PageHeader
        level={2}
        titleId={ids.title}
        title={t("title")}
        description={t("subtitle")}
        actions={
          <ExportButton
            label={t("export")}
            onExport={() => exportStatsReport(params)}
            disabled={issue !== null}
            testId="report-export"
          />
        }
      />

      <div className="grid grid-cols-1 gap-4 rounded-2xl border bg-card p-4 shadow-sm md:grid-cols-2 xl:grid-cols-[auto_minmax(0,1fr)_minmax(0,1fr)]">
        <div className="space-y-3 md:col-span-2 xl:col-span-1" data-testid="report-range">
          <ToggleButtons
            label={t("range")}
            value={presetOf(range, today)}
            onChange={(days) => setRange(lastDays(days, today))}
            options={reportPresets.map((days) => ({ value: days, label: t("preset", { days }), testId: `report-range-${days}` }))}
            className="w-full sm:w-fit"
            buttonClassName="px-2 sm:px-3"
          />
          <div className="grid grid-cols-2 gap-3">
            {dateInput("from")}
            {dateInput("to")}
          </div>
          {issue && (
            <p id={ids.issue} role="alert" className="text-sm text-destructive">
              {t(`rangeIssue.${issue}`, { max: maxReportDays })}
            </p>
          )}
        </div>
        <div className="min-w-0 space-y-1.5 self-end">
          <Label htmlFor={ids.bot}>{t("bot")}</Label>
          <FilterSelect
            id={ids.bot}
            value={botId}
            onChange={setBotId}
            allLabel={t("allBots")}
            options={bots.data?.map((bot) => ({ value: bot.id, label: bot.name })) ?? []}
            label={t("bot")}
            className="w-full"
            testId="report-bot"
          />
        </div>
        <div className="min-w-0 space-y-1.5 self-end">
          <Label htmlFor={ids.source}>{t("source")}</Label>
          <FilterSelect
            id={ids.source}
            value={source}
            onChange={setSource}
            allLabel={t("allSources")}
            options={sources.map((s) => ({ value: s, label: channel(s) }))}
            label={t("source")}
            className="w-full"
            testId="report-source"
          />
        </div>
      </div>

      {report.isError ? (
        <ErrorState error={report.error} onRetry={() => report.refetch()} />
      ) : (
        <>
          <p className="flex items-center gap-2 text-sm text-muted-foreground" aria-live="polite" data-testid="report-period">
            {data &&
              t("period", {
                range: format.dateTimeRange(dayAsDate(data.from), dayAsDate(data.to), { dateStyle: "medium", timeZone: "UTC" }),
              })}
            {report.isFetching && <Loader2 className="size-4 animate-spin" aria-hidden />}
          </p>
          <ReportFigures figures={data?.totals} />
          <div className="grid grid-cols-1 gap-4 lg:grid-cols-3">
            <SectionCard title={t("daily.title")} subtitle={t("daily.subtitle")} className="min-w-0 lg:col-span-2">
              {data ? <DailyReportChart days={data.days} /> : <Skeleton className="h-64 w-full" />}
            </SectionCard>
            <SectionCard title={t("byBot.title")} subtitle={t("byBot.subtitle")} className="min-w-0">
              {data ? <BotReportChart byBot={data.by_bot} bots={bots.data} /> : <Skeleton className="h-64 w-full" />}
            </SectionCard>
          </div>
        </>
      )}
    </section>
  );
}
