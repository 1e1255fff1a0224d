"use client";

import { useTranslations } from "next-intl";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { toast } from "sonner";

/**
 * Handler for a successful save: the saved values become the form's clean state (so its save
 * button waits for the next change), and a toast says it is saved.
 */
export function useFormSaved<T extends FieldValues>(form: UseFormReturn<T>) {
  const common = useTranslations("common");
  return (saved: T) => {
    form.reset(saved);
    toast.success(common("saved"));
  };
}
