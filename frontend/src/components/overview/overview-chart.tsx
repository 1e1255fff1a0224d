"use client";

import { useFormatter, useTranslations } from "next-intl";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

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
    <div className="h-64 w-full" data-testid="overview-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tickLine={false} axisLine={false} fontSize={12} stroke="var(--muted-foreground)" />
          <YAxis allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} stroke="var(--muted-foreground)" />
          <Tooltip
            contentStyle={{
              background: "var(--popover)",
              border: "1px solid var(--border)",
              borderRadius: 12,
              color: "var(--popover-foreground)",
            }}
          />
          {/* Recharts colours legend labels like their lines; the labels are text, so foreground. */}
          <Legend
            iconType="circle"
            wrapperStyle={{ fontSize: 12 }}
            formatter={(value: string) => <span className="text-foreground">{value}</span>}
          />
          <Line type="monotone" dataKey="conversations" name={t("conversations")} stroke="var(--chart-1)" strokeWidth={2.5} dot={false} />
          <Line type="monotone" dataKey="messages" name={t("messages")} stroke="var(--chart-2)" strokeWidth={2} dot={false} />
          <Line type="monotone" dataKey="leads" name={t("leads")} stroke="var(--chart-3)" strokeWidth={2} dot={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
