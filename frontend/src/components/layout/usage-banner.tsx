"use client";

import { Gauge } from "lucide-react";
import { useTranslations } from "next-intl";

import { useStats } from "@/lib/api/hooks/stats";
import { cn } from "@/lib/utils";

/**
 * Shown across the dashboard when a channel has used 80 % or more of this month's answers (the
 * owner also gets a mail at 80 % and 100 %). The widget and WhatsApp have budgets of their own.
 */
export function UsageBanner() {
  const t = useTranslations("usage");
  const { data } = useStats();
  const usage = data?.usage;
  if (!usage) return null;
  const channels = (
    [
      ["widget", usage.widget],
      ["whatsapp", usage.whatsapp],
    ] as const
  ).filter(([, u]) => u.limit === 0 || u.percent >= 80);
  if (channels.length === 0) return null;
  const full = channels.some(([, u]) => u.used >= u.limit);

  return (
    <section
      aria-label={t("label")}
      data-testid="usage-banner"
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-1 border-b px-4 py-2.5 text-sm sm:px-6",
        full ? "border-destructive/30 bg-destructive/10" : "border-warning/30 bg-warning/10",
      )}
    >
      <Gauge className={cn("size-4 shrink-0", full ? "text-destructive" : "text-warning")} aria-hidden />
      <ul className="min-w-0 flex-1 space-y-0.5 font-medium">
        {channels.map(([channel, u]) => (
          <li key={channel}>
            {u.used >= u.limit
              ? t("full", { channel: t(channel), used: u.used, limit: u.limit })
              : t("near", { channel: t(channel), percent: u.percent, used: u.used, limit: u.limit })}
          </li>
        ))}
      </ul>
    </section>
  );
}
