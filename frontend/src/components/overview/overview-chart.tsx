"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Line, LineChart } from "recharts";

import { chartChrome, ChartFrame, chartMargin } from "@/components/overview/chart-parts";
import type { Stats } from "@/lib/api/types";

/** The last seven days: conversations, messages and leads per day. */
export function OverviewChart({ daily }: { daily: Stats["daily"] }) {
  const t = useTranslations("overview.chart");
  const format = useFormatter();
  const data = daily.map((day) => ({
    ...day,
    label: format.dateTime(new Date(`${day.date}T12:00:00Z`), { weekday: "short", day: "numeric" }),
  }));
  return (
    <ChartFrame testId="overview-chart">
      <LineChart data={data} margin={chartMargin}>
        {chartChrome()}
        <Line type="monotone" dataKey="conversations" name={t("conversations")} stroke="var(--chart-1)" strokeWidth={2.5} dot={false} />
        <Line type="monotone" dataKey="messages" name={t("messages")} stroke="var(--chart-2)" strokeWidth={2} dot={false} />
        <Line type="monotone" dataKey="leads" name={t("leads")} stroke="var(--chart-3)" strokeWidth={2} dot={false} />
      </LineChart>
    </ChartFrame>
  );
}
