"use client";

import { useFormContext, useFormState, type FieldPath } from "react-hook-form";

import { useValidationMessage } from "@/components/shared/use-validation-message";
import type { CalendarValues } from "@/lib/validation";

type MaybeError = { message?: unknown; root?: { message?: unknown } } | undefined;

/** The message set on a list or row itself (not on one of its fields), if any. */
export function listError(error: unknown): string | undefined {
  const e = error as MaybeError;
  const message = e?.message ?? e?.root?.message;
  return typeof message === "string" && message ? message : undefined;
}

/**
 * An error the API gave a whole row or list (`services[2]`, `resources[0].hours.mon`) rather
 * than one of its controls.
 */
export function RowError({ name }: { name: FieldPath<CalendarValues> }) {
  const translate = useValidationMessage();
  const { control, getFieldState } = useFormContext<CalendarValues>();
  const state = useFormState({ control, name });
  const message = listError(getFieldState(name, state).error);
  if (!message) return null;
  return (
    <p role="alert" className="text-xs text-destructive">
      {translate(message)}
    </p>
  );
}
