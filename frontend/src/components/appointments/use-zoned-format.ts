"use client";

import { useMemo } from "react";
import { useLocale } from "next-intl";

import { dayAsDate, type Day } from "@/lib/appointments/time";

/**
 * Dates and times of appointments in the business's time zone (the calendar's or the
 * appointment's `time_zone`), not the browser's nor the dashboard's default: a receptionist
 * abroad still sees the clinic's 09:00. Formatters are built once per locale, zone and style.
 */
export function useZonedFormat() {
  const locale = useLocale();
  return useMemo(() => {
    const cache = new Map<string, Intl.DateTimeFormat>();
    const formatter = (timeZone: string, options: Intl.DateTimeFormatOptions) => {
      const key = `${timeZone}|${JSON.stringify(options)}`;
      let found = cache.get(key);
      if (!found) {
        found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
        cache.set(key, found);
      }
      return found;
    };
    const clock: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
    const time = (instant: string, timeZone: string) => formatter(timeZone, clock).format(new Date(instant));
    return {
      /** "09:30" */
      time,
      /** "09:30–10:00" */
      timeRange: (start: string, end: string, timeZone: string) => `${time(start, timeZone)}–${time(end, timeZone)}`,
      /** "Salı, 1 Aralık 2026 09:30" */
      dateTime: (instant: string, timeZone: string) =>
        formatter(timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric", ...clock }).format(new Date(instant)),
      /** "1 Ara Sal" (style as asked) for a calendar day, whatever the zone. */
      day: (day: Day, options: Intl.DateTimeFormatOptions) => formatter("UTC", options).format(dayAsDate(day)),
      /** "30 Kasım – 6 Aralık 2026" */
      dayRange: (first: Day, last: Day) => {
        const format = formatter("UTC", { day: "numeric", month: "long", year: "numeric" });
        return first === last ? format.format(dayAsDate(first)) : format.formatRange(dayAsDate(first), dayAsDate(last));
      },
    };
  }, [locale]);
}
