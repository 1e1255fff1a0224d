"use client";

import { useFormatter, useNow } from "next-intl";

/**
 * "5 minutes ago" for a timestamp, measured against a clock that ticks every `updateMs` (so
 * the text stays current while the page is open). Passing `now` explicitly keeps next-intl
 * from falling back to the current time with an ENVIRONMENT_FALLBACK console error; a time
 * a little ahead of that clock (it ticks, the server's does not wait) reads as "now", not
 * as "in 20 seconds".
 */
export function useRelativeTime(updateMs = 30_000) {
  const format = useFormatter();
  const now = useNow({ updateInterval: updateMs });
  return (value: string | Date) => {
    const at = new Date(value);
    return format.relativeTime(at, Math.max(now.getTime(), at.getTime()));
  };
}
