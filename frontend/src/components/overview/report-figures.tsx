"use client";

import {
  Bot,
  CalendarCheck,
  CircleCheckBig,
  Headset,
  MessagesSquare,
  SearchX,
  Timer,
  UserPlus,
  Zap,
  type LucideIcon,
} from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { StatCard, StatCardSkeleton } from "@/components/shared/stat-card";
import type { Figures, Timings } from "@/lib/api/types";
import { secondsParts } from "@/lib/stats/report";

type FigureKey =
  | "conversations"
  | "botShare"
  | "handoffRate"
  | "gapRate"
  | "botFirstResponse"
  | "humanFirstResponse"
  | "timeToResolve"
  | "leads"
  | "appointments";

type FigureSpec = { key: FigureKey; icon: LucideIcon } & (
  | { kind: "count"; field: "conversations" | "leads" | "appointments" }
  | { kind: "rate"; field: "answered_by_bot_share" | "handoff_rate" | "gap_rate"; count?: "handoffs" | "gaps" }
  | { kind: "timing"; field: "bot_first_response" | "human_first_response" | "time_to_resolve" }
);

/** The report's figures, in the order they are shown (three to a row on wide screens). */
const figureSpecs: readonly FigureSpec[] = [
  { key: "conversations", icon: MessagesSquare, kind: "count", field: "conversations" },
  { key: "botShare", icon: Bot, kind: "rate", field: "answered_by_bot_share" },
  { key: "handoffRate", icon: Headset, kind: "rate", field: "handoff_rate", count: "handoffs" },
  { key: "gapRate", icon: SearchX, kind: "rate", field: "gap_rate", count: "gaps" },
  { key: "botFirstResponse", icon: Zap, kind: "timing", field: "bot_first_response" },
  { key: "humanFirstResponse", icon: Timer, kind: "timing", field: "human_first_response" },
  { key: "timeToResolve", icon: CircleCheckBig, kind: "timing", field: "time_to_resolve" },
  { key: "leads", icon: UserPlus, kind: "count", field: "leads" },
  { key: "appointments", icon: CalendarCheck, kind: "count", field: "appointments" },
];

/** `botFirstResponse` → `bot-first-response`, for the cards' test ids. */
const kebab = (key: string) => key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

const none = "—";

/** Shares as percentages and durations as "≤ 5 dk" (the upper edge of the API's histogram bucket); "—" for none. */
export function useReportFormat() {
  const t = useTranslations("overview.report");
  const format = useFormatter();
  return {
    percent: (share: number | null) => (share === null ? none : format.number(share, { style: "percent", maximumFractionDigits: 1 })),
    duration: (seconds: number | null) => {
      if (seconds === null) return none;
      const { unit, value } = secondsParts(seconds);
      return t(`duration.${unit}`, { value });
    },
  };
}

/** The report's figure cards (`report-figure-<name>`), or their skeletons while it loads. */
export function ReportFigures({ figures }: { figures: Figures | undefined }) {
  return (
    <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="report-figures">
      {figureSpecs.map((spec) =>
        figures ? <ReportFigure key={spec.key} spec={spec} figures={figures} /> : <StatCardSkeleton key={spec.key} />,
      )}
    </div>
  );
}

function ReportFigure({ spec, figures }: { spec: FigureSpec; figures: Figures }) {
  const t = useTranslations("overview.report");
  const format = useFormatter();
  const show = useReportFormat();
  let value: string;
  let detail: string | undefined;
  if (spec.kind === "count") {
    value = format.number(figures[spec.field]);
  } else if (spec.kind === "rate") {
    value = show.percent(figures[spec.field]);
    if (spec.count) detail = t(`figures.${spec.key as "handoffRate" | "gapRate"}.detail`, { count: figures[spec.count] });
  } else {
    const timings: Timings = figures[spec.field];
    value = show.duration(timings.median_seconds);
    detail = timings.count === 0 ? t("noData") : t("timing", { p90: show.duration(timings.p90_seconds) });
  }
  return (
    <StatCard
      testId={`report-figure-${kebab(spec.key)}`}
      icon={spec.icon}
      label={t(`figures.${spec.key}.label`)}
      value={value}
      hint={
        <>
          {detail && <span className="block font-medium text-foreground">{detail}</span>}
          <span className="mt-1 block">{t(`figures.${spec.key}.hint`)}</span>
        </>
      }
    />
  );
}
