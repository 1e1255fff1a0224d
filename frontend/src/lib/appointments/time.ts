/**
 * Dates and times of the appointment calendar, computed in the business's IANA time zone
 * (the calendar's `time_zone`), whatever zone the browser is in. Pure functions without
 * imports, so test/appointments-time.test.mjs can load this file directly.
 *
 * A "day" is a `YYYY-MM-DD` string of the business's calendar; times of day are minutes
 * since its midnight (0–1440).
 */

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

export type CalendarView = "week" | "day" | "list";

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at an instant. */
export function zonedParts(instant: Date | number, timeZone: string) {
  const parts = partsFormatter(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    // Some engines still write midnight as 24 despite h23.
    hour: get("hour") % 24,
    minute: get("minute"),
    second: get("second"),
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

function toDay(year: number, month: number, day: number): Day {
  return `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`;
}

function parseDay(day: Day): [number, number, number] {
  const [year = 1970, month = 1, date = 1] = day.split("-").map(Number);
  return [year, month, date];
}

/** How far `timeZone` is ahead of UTC at an instant, in minutes (Istanbul: 180). */
export function offsetMinutes(instant: number, timeZone: string): number {
  const p = zonedParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `day` plus `minutes`. On a clock
 * change the offset in force after the change wins (a time skipped in spring lands just after
 * the gap).
 */
export function zonedToInstant(day: Day, minutes: number, timeZone: string): Date {
  const [year, month, date] = parseDay(day);
  const wall = Date.UTC(year, month - 1, date, 0, minutes);
  const first = offsetMinutes(wall, timeZone);
  let instant = wall - first * 60_000;
  const second = offsetMinutes(instant, timeZone);
  if (second !== first) instant = wall - second * 60_000;
  return new Date(instant);
}

/** An RFC 3339 UTC instant with second precision, as the API writes them. */
export function isoInstant(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The day in `timeZone` at an instant. */
export function zonedDay(instant: Date | number, timeZone: string): Day {
  const p = zonedParts(instant, timeZone);
  return toDay(p.year, p.month, p.day);
}

/** Today in `timeZone`. */
export function todayIn(timeZone: string, now: number = Date.now()): Day {
  return zonedDay(now, timeZone);
}

export function addDays(day: Day, days: number): Day {
  const [year, month, date] = parseDay(day);
  const moved = new Date(Date.UTC(year, month - 1, date + days));
  return toDay(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

/** 0 for Monday … 6 for Sunday (weeks start on Monday, as in Turkey and most of Europe). */
export function weekdayIndex(day: Day): number {
  const [year, month, date] = parseDay(day);
  return (new Date(Date.UTC(year, month - 1, date)).getUTCDay() + 6) % 7;
}

export function startOfWeek(day: Day): Day {
  return addDays(day, -weekdayIndex(day));
}

/** The days a view shows around `anchor`: its Monday-to-Sunday week, or the day itself. */
export function visibleDays(view: CalendarView, anchor: Day): Day[] {
  if (view === "day") return [anchor];
  const monday = startOfWeek(anchor);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The anchor one step back (-1) or forward (1): a day in the day view, a week otherwise. */
export function shiftAnchor(view: CalendarView, anchor: Day, direction: -1 | 1): Day {
  return addDays(anchor, view === "day" ? direction : 7 * direction);
}

/**
 * The instants that bound `days` in `timeZone`, [first midnight, midnight after the last), as
 * `GET /appointments` takes them (`from`, `to`).
 */
export function rangeOf(days: readonly Day[], timeZone: string): { from: string; to: string } {
  const first = days[0] ?? todayIn(timeZone);
  const last = days[days.length - 1] ?? first;
  return {
    from: isoInstant(zonedToInstant(first, 0, timeZone)),
    to: isoInstant(zonedToInstant(addDays(last, 1), 0, timeZone)),
  };
}

/**
 * Where an appointment sits in `timeZone`: its day and its start and end in minutes since that
 * day's midnight. One that runs past midnight is cut at the end of its first day.
 */
export function placeInDay(start: string, end: string, timeZone: string): { day: Day; startMin: number; endMin: number } {
  const startAt = new Date(start);
  const endAt = new Date(end);
  const s = zonedParts(startAt, timeZone);
  const day = toDay(s.year, s.month, s.day);
  const startMin = s.hour * 60 + s.minute;
  const e = zonedParts(endAt, timeZone);
  const sameDay = toDay(e.year, e.month, e.day) === day;
  const endMin = sameDay ? e.hour * 60 + e.minute : 24 * 60;
  return { day, startMin, endMin: Math.max(endMin, startMin + 5) };
}

/** "09:30" → 570; "24:00" → 1440. */
export function clockToMinutes(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(":").map(Number);
  return hours * 60 + minutes;
}

/** 570 → "09:30". */
export function minutesToClock(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

export type LaneItem = { id: string; startMin: number; endMin: number };

/**
 * Side-by-side placement of overlapping blocks in one column: each gets the first lane free at
 * its start, and every block of a group of (transitively) overlapping blocks shares that
 * group's lane count, so they split the column's width evenly.
 */
export function layoutLanes<T extends LaneItem>(items: readonly T[]): Array<T & { lane: number; lanes: number }> {
  const sorted = [...items].sort((a, b) => a.startMin - b.startMin || b.endMin - a.endMin || a.id.localeCompare(b.id));
  const placed: Array<T & { lane: number; lanes: number }> = [];
  let group: Array<T & { lane: number; lanes: number }> = [];
  let laneEnds: number[] = [];
  let groupEnd = -Infinity;

  const closeGroup = () => {
    for (const item of group) item.lanes = laneEnds.length;
    placed.push(...group);
    group = [];
    laneEnds = [];
  };

  for (const item of sorted) {
    if (item.startMin >= groupEnd) closeGroup();
    let lane = laneEnds.findIndex((end) => end <= item.startMin);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(item.endMin);
    } else {
      laneEnds[lane] = item.endMin;
    }
    group.push({ ...item, lane, lanes: 1 });
    groupEnd = Math.max(groupEnd, item.endMin);
  }
  closeGroup();
  return placed;
}

/**
 * The hours a time grid shows: from the earliest working hour to the latest one (whole hours),
 * widened to fit every appointment; `fallback` when nobody has hours set.
 */
export function gridBounds(
  intervals: ReadonlyArray<{ from: string; to: string }>,
  blocks: ReadonlyArray<{ startMin: number; endMin: number }>,
  fallback: { startMin: number; endMin: number } = { startMin: 8 * 60, endMin: 20 * 60 },
): { startMin: number; endMin: number } {
  const starts = [...intervals.map((i) => clockToMinutes(i.from)), ...blocks.map((b) => b.startMin)];
  const ends = [...intervals.map((i) => clockToMinutes(i.to)), ...blocks.map((b) => b.endMin)];
  if (starts.length === 0) return fallback;
  const startMin = Math.max(0, Math.floor(Math.min(...starts) / 60) * 60);
  const endMin = Math.min(24 * 60, Math.ceil(Math.max(...ends) / 60) * 60);
  return endMin > startMin ? { startMin, endMin } : fallback;
}

/**
 * A length of time in the largest whole unit: 90 → 90 minutes, 120 → 2 hours, 2880 → 2 days
 * (for labels such as "2 saat").
 */
export function durationParts(minutes: number): { unit: "minutes" | "hours" | "days"; count: number } {
  if (minutes > 0 && minutes % 1440 === 0) return { unit: "days", count: minutes / 1440 };
  if (minutes > 0 && minutes % 60 === 0) return { unit: "hours", count: minutes / 60 };
  return { unit: "minutes", count: minutes };
}

/** A day as a Date at noon UTC, for formatting it with `timeZone: "UTC"` in any browser zone. */
export function dayAsDate(day: Day): Date {
  const [year, month, date] = parseDay(day);
  return new Date(Date.UTC(year, month - 1, date, 12));
}

/** The zones offered in the calendar settings (any other zone a calendar has is added to them). */
export const commonTimeZones = [
  "Europe/Istanbul",
  "Europe/London",
  "Europe/Berlin",
  "Europe/Amsterdam",
  "Europe/Paris",
  "Europe/Athens",
  "Europe/Moscow",
  "Asia/Baku",
  "Asia/Tbilisi",
  "Asia/Dubai",
  "Asia/Riyadh",
  "America/New_York",
  "UTC",
] as const;

/** "GMT+3" for Istanbul at `instant` (empty when the zone is unknown to this browser). */
export function offsetLabel(timeZone: string, instant: number = Date.now()): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "shortOffset" }).formatToParts(instant);
    return parts.find((part) => part.type === "timeZoneName")?.value ?? "";
  } catch {
    return "";
  }
}
