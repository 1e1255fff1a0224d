"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api, downloadFile, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import type { ConversationSource } from "@/lib/api/types";

export function useStats() {
  return useQuery({
    queryKey: queryKeys.stats,
    queryFn: () => unwrap(api.GET("/stats/overview")),
    refetchInterval: 60_000,
  });
}

/** A report's range (`YYYY-MM-DD` UTC days, both included) and filters. */
export type ReportParams = { from: string; to: string; bot_id?: string; source?: ConversationSource };

/**
 * GET /stats/report. While another range or filter loads, the last report stays shown
 * (`isPlaceholderData`); `enabled: false` holds a range the user has not finished choosing.
 */
export function useStatsReport(params: ReportParams, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.statsReport(params),
    queryFn: () => unwrap(api.GET("/stats/report", { params: { query: params } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Downloads GET /stats/report/export (CSV, one line per day, bot and channel) with the caller's token. */
export function exportStatsReport(params: ReportParams) {
  return downloadFile(
    api.GET("/stats/report/export", { params: { query: params }, parseAs: "blob" }),
    `svontai-report-${params.from}-${params.to}.csv`,
  );
}
