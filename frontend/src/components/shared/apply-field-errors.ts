import type { FieldValues, Path, UseFormSetError } from "react-hook-form";

import { isApiError, type ProblemFieldError } from "@/lib/api/problem";

/** API field-error codes that have a translated sentence (keys of the `validation` messages). */
const translatedCodes: Record<string, string> = {
  required: "required",
  too_long: "tooLong",
  too_many: "tooMany",
  invalid_email: "email",
  invalid_color: "hexColor",
  invalid_origin: "origin",
  not_in_business_account: "numberNotInAccount",
  not_accessible: "accountNotAccessible",
  invalid_access_token: "accessTokenRefused",
  wrong_password: "wrongPassword",
  unchanged: "emailUnchanged",
};

/**
 * What to show for one API field error: a validation key when the code has a
 * translation (useValidationMessage turns it into text), else the API's sentence.
 */
export function fieldErrorMessage(error: ProblemFieldError): string {
  // Only passwords have a translated minimum (other fields' minimums differ).
  if (error.code === "too_short" && /password/.test(error.field)) return "passwordMin";
  return translatedCodes[error.code] ?? error.message;
}

/**
 * Puts a 422's field errors on the matching form fields. Returns true when at
 * least one was placed, so the caller can skip a generic toast.
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): boolean {
  if (!isApiError(error) || error.errors.length === 0) return false;
  let placed = false;
  for (const fieldError of error.errors) {
    const name = fieldError.field.split(/[.[]/)[0] as Path<T>;
    if (fields.includes(name)) {
      setError(name, { type: "server", message: fieldErrorMessage(fieldError) });
      placed = true;
    }
  }
  return placed;
}
