"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";

import { applyFieldErrors } from "@/components/shared/apply-field-errors";
import { useErrorMessage } from "@/components/shared/use-error-message";

/**
 * Handler for a failed form submit: a 422's field errors go onto the fields,
 * anything else becomes the form's root error (shown by FormAlert).
 */
export function useFormError<T extends FieldValues>(
  form: UseFormReturn<T>,
  fields: readonly Path<T>[],
  nested?: (apiField: string) => Path<T> | undefined,
) {
  const message = useErrorMessage();
  return (error: unknown) => {
    if (applyFieldErrors(error, form.setError, fields, nested)) return;
    form.setError("root", { type: "server", message: message(error) });
  };
}
