"use client";

import { CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

import { cn } from "@/lib/utils";

/** Room around the overview's charts (the y axis' numbers need little). */
export const chartMargin = { top: 8, right: 8, left: -16, bottom: 0 };

/**
 * The grid, axes (x reads `label`), tooltip and legend the overview's charts share, in the
 * theme's colours: muted text on the axes, the popover's colours in the tooltip. `cursor`: how
 * the hovered day is marked (Recharts' default, a grey line or box, otherwise).
 */
export function chartChrome({ cursor }: { cursor?: React.SVGProps<SVGElement> } = {}) {
  return [
    <CartesianGrid key="grid" strokeDasharray="3 3" stroke="var(--border)" vertical={false} />,
    <XAxis key="x" dataKey="label" tickLine={false} axisLine={false} fontSize={12} stroke="var(--muted-foreground)" />,
    <YAxis key="y" allowDecimals={false} tickLine={false} axisLine={false} fontSize={12} stroke="var(--muted-foreground)" />,
    <Tooltip
      key="tooltip"
      cursor={cursor}
      contentStyle={{
        background: "var(--popover)",
        border: "1px solid var(--border)",
        borderRadius: 12,
        color: "var(--popover-foreground)",
      }}
    />,
    // Recharts colours legend labels like their series; the labels are text, so foreground.
    <Legend
      key="legend"
      iconType="circle"
      wrapperStyle={{ fontSize: 12 }}
      formatter={(value: string) => <span className="text-foreground">{value}</span>}
    />,
  ];
}

/** A chart's box: full width, `h-64`, resizing with it. */
export function ChartFrame({ testId, className, children }: { testId?: string; className?: string; children: React.ReactElement }) {
  return (
    <div className={cn("h-64 w-full", className)} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}
