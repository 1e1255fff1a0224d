"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { calendarFeedApi, type CalendarFeedStatus } from "@/lib/api/calendar-feed";
import { unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";

/** Whether the tenant's calendar subscription link is active (read when `enabled`, e.g. the dialog is open). */
export function useCalendarFeed(enabled = true) {
  return useQuery({
    queryKey: queryKeys.calendarFeed,
    enabled,
    queryFn: () => unwrap(calendarFeedApi.GET("/calendar-feed")),
  });
}

/** A new secret URL, which replaces any earlier one; the URL is in this answer only. */
export function useCreateCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(calendarFeedApi.POST("/calendar-feed")),
    onSuccess: (link) =>
      client.setQueryData<CalendarFeedStatus>(queryKeys.calendarFeed, { active: true, created_at: link.created_at }),
  });
}

export function useRevokeCalendarFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(calendarFeedApi.DELETE("/calendar-feed")),
    onSuccess: () => client.setQueryData<CalendarFeedStatus>(queryKeys.calendarFeed, { active: false, created_at: null }),
  });
}
