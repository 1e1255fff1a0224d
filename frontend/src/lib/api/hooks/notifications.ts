"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import type { NotificationSettings } from "@/lib/api/types";

/** Which e-mails the caller gets in the current tenant, and the business's wait time (0: never). */
export function useNotificationSettings() {
  return useQuery({
    queryKey: queryKeys.notifications,
    queryFn: () => unwrap(api.GET("/tenants/current/notifications")),
  });
}

/**
 * Saves the caller's choices (all four fields). A different `wait_alert_minutes` from an agent
 * is 403; a value outside 0-1440 is 422 on that field.
 */
export function useUpdateNotificationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettings) => unwrap(api.PUT("/tenants/current/notifications", { body })),
    onSuccess: (saved) => client.setQueryData(queryKeys.notifications, saved),
  });
}
