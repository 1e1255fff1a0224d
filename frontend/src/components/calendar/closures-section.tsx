"use client";

import { useState } from "react";
import { Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch, type UseFieldArrayReturn } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { EntryList } from "@/components/calendar/entry-list";
import { RowError, listError } from "@/components/calendar/row-error";
import { TextField } from "@/components/shared/form-fields";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { calendarLimits, newClosure } from "@/lib/appointments/calendar-form";
import { todayIn } from "@/lib/appointments/time";
import { ulid } from "@/lib/ulid";
import type { CalendarValues } from "@/lib/validation";

const wholeBusiness = "all";

/** Holidays and leave: from–to days, for the whole business or one resource. */
export function ClosuresSection({ array }: { array: UseFieldArrayReturn<CalendarValues, "closures"> }) {
  const t = useTranslations("calendar.closures");
  const { control, formState } = useFormContext<CalendarValues>();
  const timeZone = useWatch({ control, name: "time_zone" });
  const [today] = useState(() => todayIn(timeZone || "Europe/Istanbul"));
  return (
    <EntryList
      t={t}
      addTestId="add-closure"
      rows={array.fields}
      limit={calendarLimits.closures}
      error={listError(formState.errors.closures)}
      onAdd={() => array.append(newClosure(ulid(), today))}
      renderRow={(row, index) => <ClosureRow key={row.id} index={index} onRemove={() => array.remove(index)} />}
    />
  );
}

function ClosureRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const t = useTranslations("calendar.closures");
  const translate = useValidationMessage();
  const { control } = useFormContext<CalendarValues>();
  const resources = useWatch({ control, name: "resources" });
  const from = useWatch({ control, name: `closures.${index}.from` });
  return (
    <div className="space-y-2 rounded-xl border p-3 sm:p-4" data-testid="closure-row">
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,1.2fr)_minmax(0,2fr)_auto]">
        <TextField control={control} name={`closures.${index}.from`} label={t("from")} type="date" />
        <TextField control={control} name={`closures.${index}.to`} label={t("to")} type="date" min={from || undefined} />
        <FormField
          control={control}
          name={`closures.${index}.resource_id`}
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("resource")}</FormLabel>
              <Select value={field.value || wholeBusiness} onValueChange={(value) => field.onChange(value === wholeBusiness ? "" : value)}>
                <FormControl>
                  <SelectTrigger className="w-full">
                    <SelectValue />
                  </SelectTrigger>
                </FormControl>
                <SelectContent>
                  <SelectItem value={wholeBusiness}>{t("wholeBusiness")}</SelectItem>
                  {resources.map((resource) => (
                    <SelectItem key={resource.entryId} value={resource.entryId}>
                      {resource.name || "—"}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
              <FormMessage translate={translate} />
            </FormItem>
          )}
        />
        <TextField control={control} name={`closures.${index}.note`} label={t("note")} placeholder={t("notePlaceholder")} maxLength={200} />
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="justify-self-end text-destructive hover:text-destructive lg:mt-6"
          aria-label={t("remove")}
          onClick={onRemove}
        >
          <Trash2 />
        </Button>
      </div>
      <RowError name={`closures.${index}`} />
    </div>
  );
}
