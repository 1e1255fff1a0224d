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
  outside_hours: "outsideHours",
  shortcut_taken: "shortcutTaken",
  invalid_phone: "phoneInvalid",
  invalid_url: "httpsUrl",
};

/**
 * What to show for one API field error: a validation key when the code has a
 * translation (useValidationMessage turns it into text), else the API's sentence.
 */
export function fieldErrorMessage(error: ProblemFieldError): string {
  // Only passwords have a translated minimum (other fields' minimums differ).
  if (error.code === "too_short" && /password/.test(error.field)) return "passwordMin";
  // "tooMany" counts origins; a knowledge item's alternative questions have their own limit.
  if (error.code === "too_many" && /^alternatives\b/.test(error.field)) return "tooManyAlternatives";
  // A customer's phone number that is not E.164.
  if (error.code === "invalid_format" && /phone$/.test(error.field)) return "phone";
  // How long conversations are kept: months from 0 to 120.
  if (error.code === "out_of_range" && error.field === "retention_months") return "retentionMonths";
  return translatedCodes[error.code] ?? error.message;
}

/**
 * Puts a 422's field errors on the matching form fields. Returns true when at
 * least one was placed, so the caller can skip a generic toast. An API field
 * such as `tags[2]` lands on `tags`, unless `nested` names a field inside it
 * (e.g. `tags.2.value`, a row of a field array).
 */
export function applyFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  nested?: (apiField: string) => Path<T> | undefined,
): boolean {
  if (!isApiError(error) || error.errors.length === 0) return false;
  let placed = false;
  for (const fieldError of error.errors) {
    const name = nested?.(fieldError.field) ?? (fieldError.field.split(/[.[]/)[0] as Path<T>);
    if (fields.some((field) => name === field || name.startsWith(`${field}.`))) {
      setError(name, { type: "server", message: fieldErrorMessage(fieldError) });
      placed = true;
    }
  }
  return placed;
}
