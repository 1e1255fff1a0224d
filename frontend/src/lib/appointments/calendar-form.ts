/**
 * The booking calendar (GET/PUT /bots/{bot_id}/calendar) as the settings form edits it, and
 * back. Pure functions (type imports only), tested in test/appointments-calendar.test.mjs.
 */
import type { Calendar, CalendarInput, Interval, WeeklyHours } from "@/lib/api/types";
import type { CalendarValues } from "@/lib/validation";

export const weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof weekdays)[number];

/** The API's limits (docs/openapi.yaml). */
export const calendarLimits = { services: 50, resources: 20, closures: 200, intervalsPerDay: 6, resourcesPerService: 20 } as const;

export const slotSteps = [5, 10, 15, 20, 30, 60] as const;

/** Choices offered for the minimum notice and the reminder (any other stored value is added). */
export const noticeChoices = [0, 30, 60, 120, 240, 720, 1440, 2880, 10080] as const;
export const reminderChoices = [0, 30, 60, 120, 180, 720, 1440, 2880] as const;

/** `to` "24:00" (end of day) cannot be typed in a time input; the form shows it as "00:00". */
export function endToForm(to: string): string {
  return to === "24:00" ? "00:00" : to;
}

export function endToApi(to: string): string {
  return to === "00:00" ? "24:00" : to;
}

const clockPattern = /^([01][0-9]|2[0-3]):[0-5][05]$/;

function minutesOf(clock: string): number {
  const [hours = 0, minutes = 0] = clock.split(":").map(Number);
  return hours * 60 + minutes;
}

export type IntervalIssue = { index: number; field: "from" | "to"; message: "intervalOrder" | "intervalOverlap" };

/**
 * What is wrong with one weekday's intervals as the form holds them: an end not after its start
 * ("00:00" as an end is midnight), or an interval starting before the previous one ends.
 * Messages are keys of the `validation` messages.
 */
export function intervalIssues(intervals: ReadonlyArray<{ from: string; to: string }>): IntervalIssue[] {
  const issues: IntervalIssue[] = [];
  const valid: Array<{ index: number; from: number; to: number }> = [];
  intervals.forEach((interval, index) => {
    if (!clockPattern.test(interval.from) || !clockPattern.test(interval.to)) return;
    const from = minutesOf(interval.from);
    const to = interval.to === "00:00" ? 24 * 60 : minutesOf(interval.to);
    if (to <= from) {
      issues.push({ index, field: "to", message: "intervalOrder" });
      return;
    }
    valid.push({ index, from, to });
  });
  valid.sort((a, b) => a.from - b.from);
  for (let i = 1; i < valid.length; i += 1) {
    const previous = valid[i - 1]!;
    const current = valid[i]!;
    if (current.from < previous.to) issues.push({ index: current.index, field: "from", message: "intervalOverlap" });
  }
  return issues;
}

export type FormHours = CalendarValues["resources"][number]["hours"];
export type FormService = CalendarValues["services"][number];
export type FormResource = CalendarValues["resources"][number];
export type FormClosure = CalendarValues["closures"][number];

const copyIntervals = (intervals: ReadonlyArray<{ from: string; to: string }>) => intervals.map(({ from, to }) => ({ from, to }));

/** Monday's hours copied to Tuesday–Friday; the weekend is kept. */
export function copyMondayToWeekdays(hours: FormHours): FormHours {
  return {
    ...hours,
    tue: copyIntervals(hours.mon),
    wed: copyIntervals(hours.mon),
    thu: copyIntervals(hours.mon),
    fri: copyIntervals(hours.mon),
  };
}

/** A new resource works 09:00–18:00 on weekdays until edited. */
export function defaultHours(): FormHours {
  const day = () => [{ from: "09:00", to: "18:00" }];
  return { mon: day(), tue: day(), wed: day(), thu: day(), fri: day(), sat: [], sun: [] };
}

/** A new row gets its id when it is added (`ulid()`), so others can refer to it before saving. */
export function newService(entryId: string): FormService {
  return { entryId, name: "", duration_minutes: 30, price_text: "", description: "", active: true, resource_ids: [] };
}

export function newResource(entryId: string): FormResource {
  return { entryId, name: "", active: true, hours: defaultHours() };
}

export function newClosure(entryId: string, day: string): FormClosure {
  return { entryId, from: day, to: day, resource_id: "", note: "" };
}

function hoursToForm(hours: WeeklyHours): FormHours {
  const day = (intervals: readonly Interval[] | undefined) => (intervals ?? []).map((i) => ({ from: i.from, to: endToForm(i.to) }));
  return { mon: day(hours.mon), tue: day(hours.tue), wed: day(hours.wed), thu: day(hours.thu), fri: day(hours.fri), sat: day(hours.sat), sun: day(hours.sun) };
}

function hoursToApi(hours: FormHours): WeeklyHours {
  const day = (intervals: ReadonlyArray<{ from: string; to: string }>) => intervals.map((i) => ({ from: i.from, to: endToApi(i.to) }));
  return { mon: day(hours.mon), tue: day(hours.tue), wed: day(hours.wed), thu: day(hours.thu), fri: day(hours.fri), sat: day(hours.sat), sun: day(hours.sun) };
}

/**
 * The calendar as the form's values. Each entry's id is kept as `entryId`; `newId` (`ulid`)
 * gives one to an entry the API sent without (it always sends them).
 */
export function toCalendarValues(calendar: Calendar, newId: () => string): CalendarValues {
  return {
    version: calendar.version,
    time_zone: calendar.time_zone,
    slot_step_minutes: calendar.slot_step_minutes,
    buffer_minutes: calendar.buffer_minutes,
    min_notice_minutes: calendar.min_notice_minutes,
    max_days_ahead: calendar.max_days_ahead,
    reminder_minutes_before: calendar.reminder_minutes_before,
    reminder_template: calendar.reminder_template ?? "",
    services: calendar.services.map((service) => ({
      entryId: service.id ?? newId(),
      name: service.name,
      duration_minutes: service.duration_minutes,
      price_text: service.price_text ?? "",
      description: service.description ?? "",
      active: service.active ?? true,
      resource_ids: service.resource_ids ?? [],
    })),
    resources: calendar.resources.map((resource) => ({
      entryId: resource.id ?? newId(),
      name: resource.name,
      active: resource.active ?? true,
      hours: hoursToForm(resource.hours),
    })),
    closures: calendar.closures.map((closure) => ({
      entryId: closure.id ?? newId(),
      from: closure.from,
      to: closure.to,
      resource_id: closure.resource_id ?? "",
      note: closure.note ?? "",
    })),
  };
}

/**
 * The form's values as the PUT body: the whole document with the version that was read. Every
 * entry is sent with its id, a new one with the id it got when added (the API takes any
 * well-formed new id), so a service or closure may name a resource added in the same save.
 * Rows keep their order, so the API's `services[2]…` errors name the form's rows. A service
 * keeps only references to resources still in the form (a removed one would be refused), and
 * the closures of a removed resource are dropped (remove such rows in the form first, so row
 * numbers still match).
 */
export function toCalendarInput(values: CalendarValues): CalendarInput {
  const resourceIds = new Set(values.resources.map((r) => r.entryId));
  return {
    version: values.version,
    time_zone: values.time_zone,
    slot_step_minutes: values.slot_step_minutes as CalendarInput["slot_step_minutes"],
    buffer_minutes: values.buffer_minutes,
    min_notice_minutes: values.min_notice_minutes,
    max_days_ahead: values.max_days_ahead,
    reminder_minutes_before: values.reminder_minutes_before,
    reminder_template: values.reminder_template.trim() || null,
    services: values.services.map((service) => ({
      id: service.entryId,
      name: service.name.trim(),
      duration_minutes: service.duration_minutes,
      price_text: service.price_text.trim() || null,
      description: service.description.trim(),
      active: service.active,
      resource_ids: service.resource_ids.filter((id) => resourceIds.has(id)),
    })),
    resources: values.resources.map((resource) => ({
      id: resource.entryId,
      name: resource.name.trim(),
      active: resource.active,
      hours: hoursToApi(resource.hours),
    })),
    // A removed resource's leave goes with it (it must not become a closure of the whole business).
    closures: values.closures
      .filter((closure) => !closure.resource_id || resourceIds.has(closure.resource_id))
      .map((closure) => ({
        id: closure.entryId,
        from: closure.from,
        to: closure.to,
        resource_id: closure.resource_id || null,
        note: closure.note.trim(),
      })),
  };
}

const ruleFields = [
  "time_zone",
  "slot_step_minutes",
  "buffer_minutes",
  "min_notice_minutes",
  "max_days_ahead",
  "reminder_minutes_before",
  "reminder_template",
] as const;

const dayPattern = weekdays.join("|");

/**
 * The form field that shows an API field error of PUT /calendar: `services[2].duration_minutes`
 * → `services.2.duration_minutes`, `resources[0].hours.mon[1].to` → `resources.0.hours.mon.1.to`.
 * A part of a row without its own control (an id, one of a service's resource ids) lands on the
 * nearest control or on the row; a list-level error (`services`, too many) on the list;
 * `undefined` for anything else (shown above the form).
 */
export function calendarErrorPath(apiField: string): string | undefined {
  const path = apiField.replace(/\[(\d+)\]/g, ".$1");
  if ((ruleFields as readonly string[]).includes(path)) return path;
  const leaf = [
    new RegExp(`^services\\.\\d+\\.(name|duration_minutes|price_text|description|active|resource_ids)`),
    new RegExp(`^resources\\.\\d+\\.(name|active)$`),
    new RegExp(`^resources\\.\\d+\\.hours\\.(${dayPattern})\\.\\d+\\.(from|to)`),
    new RegExp(`^resources\\.\\d+\\.hours\\.(${dayPattern})`),
    new RegExp(`^closures\\.\\d+\\.(from|to|resource_id|note)`),
    /^(services|resources|closures)\.\d+/,
    /^(services|resources|closures)$/,
  ];
  for (const pattern of leaf) {
    const match = pattern.exec(path);
    if (match) return match[0];
  }
  return undefined;
}

/** A bot never set up (version 0) or one without services and resources: nothing to book yet. */
export function isCalendarEmpty(calendar: Pick<Calendar, "version" | "services" | "resources">): boolean {
  return calendar.version === 0 || (calendar.services.length === 0 && calendar.resources.length === 0);
}

/** Every working interval of the active resources (to size the time grid). */
export function workingIntervals(calendar: Pick<Calendar, "resources">): Interval[] {
  return calendar.resources.filter((r) => r.active !== false).flatMap((r) => weekdays.flatMap((day) => r.hours[day] ?? []));
}
