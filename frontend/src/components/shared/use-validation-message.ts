"use client";

import { useTranslations } from "next-intl";

const keys = [
  "required",
  "email",
  "passwordMin",
  "tooLong",
  "tooMany",
  "tooManyAlternatives",
  "hexColor",
  "origin",
  "digits",
  "accessToken",
  "appSecret",
  "verifyToken",
  "numberNotInAccount",
  "accountNotAccessible",
  "accessTokenRefused",
  "passwordMismatch",
  "wrongPassword",
  "emailUnchanged",
  "clockTime",
  "tooManyIntervals",
  "intervalOrder",
  "intervalOverlap",
  "duration",
  "durationBuffer",
  "buffer",
  "noticeRange",
  "maxDaysAhead",
  "closureOrder",
  "tooManyRows",
  "phone",
  "chooseSlot",
  "outsideHours",
  "shortcutFormat",
  "shortcutTaken",
  "waitMinutes",
  "phoneInvalid",
  "contactRequired",
  "consent",
  "httpsUrl",
  "retentionMonths",
] as const;

/** Translates a schema message key; API messages (already prose) pass through. */
export function useValidationMessage() {
  const t = useTranslations("validation");
  return (message: string) => ((keys as readonly string[]).includes(message) ? t(message as (typeof keys)[number]) : message);
}
