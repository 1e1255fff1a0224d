"use client";

import { useTranslations } from "next-intl";

import { isApiError } from "@/lib/api/problem";

const knownCodes = [
  "network",
  "upstream_unreachable",
  "unauthorized",
  "invalid_credentials",
  "forbidden",
  "not_found",
  "email_taken",
  "conflict",
  "phone_number_taken",
  "payload_too_large",
  "validation_failed",
  "window_closed",
  "rate_limited",
  "quota_exceeded",
  "upstream_error",
  "origin_not_allowed",
  "internal",
  "service_unavailable",
  "email_not_verified",
  "already_verified",
  "slot_taken",
  "version_conflict",
  "invalid_transition",
  "already_member",
  "invalid_invitation",
  "invitation_for_another_address",
  "owner_role",
  "assignment_changed",
  "not_a_member",
  "too_many_notes",
  "too_many_saved_replies",
] as const;

type KnownCode = (typeof knownCodes)[number];

function isKnown(code: string): code is KnownCode {
  return (knownCodes as readonly string[]).includes(code);
}

/** Turns any thrown error into a sentence for a toast or an inline alert. */
export function useErrorMessage() {
  const t = useTranslations("errors");
  return (error: unknown): string => {
    if (isApiError(error)) {
      if (isKnown(error.code)) return t(error.code);
      if (error.status === 401) return t("unauthorized");
      if (error.detail) return error.detail;
      if (error.status >= 500) return t("internal");
    }
    return t("generic");
  };
}
