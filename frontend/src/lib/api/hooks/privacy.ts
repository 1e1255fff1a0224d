"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, downloadFile, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import type { ContactRequest, PrivacySettings } from "@/lib/api/types";

/** A contact as a data subject names themselves: a phone (any Turkish format), an e-mail, or both. */
export type Contact = Pick<ContactRequest, "phone" | "email">;

/** The privacy log, newest first (admins and the owner: the API refuses an agent). */
export function usePrivacyAudit() {
  return useQuery({
    queryKey: queryKeys.privacyAudit,
    queryFn: async () => (await unwrap(api.GET("/privacy/audit"))).items,
  });
}

/**
 * Downloads everything held about the contact (`kisisel-veriler.json`) with the caller's token.
 * 422 names `phone` (`required`, `invalid_phone`) or `email` (`invalid_email`).
 */
export function useExportContact() {
  return useMutation({
    mutationFn: (contact: Contact) =>
      downloadFile(api.POST("/privacy/contact-export", { body: contact, parseAs: "blob" }), "kisisel-veriler.json"),
  });
}

/** Erases everything held about the contact, in every bot; answers with the privacy log's new line. */
export function useEraseContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (contact: Contact) => unwrap(api.POST("/privacy/contact-erase", { body: { ...contact, confirm: true } })),
    // Conversations, messages, leads, appointments and the counters built on them may all have
    // changed: everything on screen is read again (the log among them).
    onSuccess: () => client.invalidateQueries(),
  });
}

/** How long conversations are kept: `retention_months`, 0 keeping them until deleted (admins and the owner). */
export function usePrivacySettings() {
  return useQuery({
    queryKey: queryKeys.privacySettings,
    queryFn: () => unwrap(api.GET("/privacy/settings")),
  });
}

/**
 * Saves how long conversations are kept; an hourly sweep then erases, whole, every conversation
 * whose customer last wrote longer ago. A value outside 0-120 is 422 on `retention_months`.
 */
export function useUpdatePrivacySettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PrivacySettings) => unwrap(api.PUT("/privacy/settings", { body })),
    onSuccess: (saved) => client.setQueryData(queryKeys.privacySettings, saved),
  });
}
