/**
 * The overview's performance report (GET /stats/report): its date ranges, in UTC days as the
 * API counts them, how its durations read, and its rows per bot and channel. Pure functions
 * without value imports, so test/stats-report.test.mjs can load this file directly.
 */
import type { StatsReport } from "@/lib/api/types";

/** The ranges offered at a click: the last 7, 30 and 90 days. */
export const reportPresets = [7, 30, 90] as const;
export type ReportPreset = (typeof reportPresets)[number];

/** The longest range the API reports on, in days. */
export const maxReportDays = 366;

const dayMs = 86_400_000;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export function utcDay(instant: number = Date.now()): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** The last `days` UTC days up to `today` (`YYYY-MM-DD`), both included. */
export function lastDays(days: number, today: string = utcDay()): { from: string; to: string } {
  return { from: utcDay(Date.parse(`${today}T00:00:00Z`) - (days - 1) * dayMs), to: today };
}

/** The preset a range is, if it is one: its last day is `today` and its length a preset's. */
export function presetOf(range: { from: string; to: string }, today: string = utcDay()): ReportPreset | null {
  if (range.to !== today) return null;
  return reportPresets.find((days) => rangeLength(range.from, range.to) === days) ?? null;
}

/** How many days from `from` to `to`, both included (NaN when either is not a day). */
export function rangeLength(from: string, to: string): number {
  if (!dayPattern.test(from) || !dayPattern.test(to)) return Number.NaN;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs) + 1;
}

export type RangeIssue = "missing" | "order" | "tooLong";

/** What is wrong with a chosen range, if anything: a day missing, the wrong way round, or too long. */
export function rangeIssue(from: string, to: string): RangeIssue | null {
  const length = rangeLength(from, to);
  if (Number.isNaN(length)) return "missing";
  if (length < 1) return "order";
  if (length > maxReportDays) return "tooLong";
  return null;
}

export type DurationUnit = "seconds" | "minutes" | "hours" | "days";

const unitSeconds: ReadonlyArray<[DurationUnit, number]> = [
  ["days", 86_400],
  ["hours", 3_600],
  ["minutes", 60],
];

/**
 * A number of seconds in the largest unit it reaches: 30 → 30 seconds, 300 → 5 minutes,
 * 10800 → 3 hours, 86400 → 1 day (90 → 1.5 minutes: one decimal at most).
 */
export function secondsParts(seconds: number): { unit: DurationUnit; value: number } {
  for (const [unit, size] of unitSeconds) {
    if (seconds >= size) return { unit, value: Math.round((seconds / size) * 10) / 10 };
  }
  return { unit: "seconds", value: Math.max(0, seconds) };
}

export type BotRow = {
  bot_id: string;
  source: string;
  conversations: number;
  handoffs: number;
  answered_by_bot_share: number | null;
};

/** The bots and channels that had conversations, the busiest first. */
export function conversationsByBot(byBot: StatsReport["by_bot"]): BotRow[] {
  return byBot
    .filter((row) => row.figures.conversations > 0)
    .map((row) => ({
      bot_id: row.bot_id,
      source: row.source,
      conversations: row.figures.conversations,
      handoffs: row.figures.handoffs,
      answered_by_bot_share: row.figures.answered_by_bot_share,
    }))
    .sort((a, b) => b.conversations - a.conversations || a.bot_id.localeCompare(b.bot_id) || a.source.localeCompare(b.source));
}
