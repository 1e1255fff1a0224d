"use client";

import { Copy, Plus, Trash2, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormContext, useWatch, type UseFieldArrayReturn } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Switch } from "@/components/ui/switch";
import { EntryList } from "@/components/calendar/entry-list";
import { RowError, listError } from "@/components/calendar/row-error";
import { TextField } from "@/components/shared/form-fields";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { calendarLimits, copyMondayToWeekdays, newResource, weekdays, type Weekday } from "@/lib/appointments/calendar-form";
import { clockToMinutes, minutesToClock } from "@/lib/appointments/time";
import { ulid } from "@/lib/ulid";
import type { CalendarValues } from "@/lib/validation";

/** The people or places that take appointments, each with a weekly hours editor. */
export function ResourcesSection({
  array,
  onRemove,
}: {
  array: UseFieldArrayReturn<CalendarValues, "resources">;
  onRemove: (index: number) => void;
}) {
  const t = useTranslations("calendar.resources");
  const { formState } = useFormContext<CalendarValues>();
  return (
    <EntryList
      t={t}
      addTestId="add-resource"
      rows={array.fields}
      limit={calendarLimits.resources}
      error={listError(formState.errors.resources)}
      onAdd={() => array.append(newResource(ulid()), { shouldFocus: true, focusName: `resources.${array.fields.length}.name` })}
      renderRow={(row, index) => <ResourceRow key={row.id} index={index} onRemove={() => onRemove(index)} />}
    />
  );
}

function ResourceRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const t = useTranslations("calendar.resources");
  const { control, getValues, setValue, clearErrors } = useFormContext<CalendarValues>();
  const name = useWatch({ control, name: `resources.${index}.name` });
  const title = name?.trim() || t("untitled");

  function copyMonday() {
    const copied = copyMondayToWeekdays(getValues(`resources.${index}.hours`));
    for (const day of ["tue", "wed", "thu", "fri"] as const) {
      setValue(`resources.${index}.hours.${day}`, copied[day], { shouldDirty: true });
      clearErrors(`resources.${index}.hours.${day}`);
    }
    toast.success(t("copied"));
  }

  return (
    <div className="space-y-4 rounded-xl border p-3 sm:p-4" data-testid="resource-row">
      <div className="flex items-start gap-3">
        <div className="grid min-w-0 flex-1 gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
          <TextField control={control} name={`resources.${index}.name`} label={t("name")} placeholder={t("namePlaceholder")} maxLength={80} />
          <FormField
            control={control}
            name={`resources.${index}.active`}
            render={({ field }) => (
              <FormItem className="flex flex-row items-center gap-3 sm:mt-7">
                <FormControl>
                  <Switch checked={field.value} onCheckedChange={field.onChange} />
                </FormControl>
                <FormLabel className="font-normal">{t("active")}</FormLabel>
              </FormItem>
            )}
          />
        </div>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="mt-6 shrink-0 text-destructive hover:text-destructive"
          aria-label={t("remove", { name: title })}
          onClick={onRemove}
        >
          <Trash2 />
        </Button>
      </div>
      <fieldset className="space-y-2" data-testid="weekly-hours">
        <legend className="sr-only">{t("hours")}</legend>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm font-medium" aria-hidden>
            {t("hours")}
          </p>
          <Button type="button" variant="ghost" size="sm" onClick={copyMonday} data-testid="copy-monday">
            <Copy /> {t("copyMonday")}
          </Button>
        </div>
        <p className="text-xs text-muted-foreground">{t("hoursHint")}</p>
        <div className="divide-y rounded-xl border">
          {weekdays.map((day) => (
            <DayHours key={day} resourceIndex={index} day={day} />
          ))}
        </div>
      </fieldset>
      <RowError name={`resources.${index}`} />
    </div>
  );
}

/** After the day's last interval: an hour from its end (or 09:00–18:00 on an empty day). */
function nextInterval(intervals: ReadonlyArray<{ from: string; to: string }>) {
  const last = intervals[intervals.length - 1];
  if (!last || last.to === "00:00" || !/^\d\d:\d\d$/.test(last.to)) return { from: "09:00", to: "18:00" };
  const from = clockToMinutes(last.to);
  const to = Math.min(from + 60, 24 * 60);
  return { from: last.to, to: to >= 24 * 60 ? "00:00" : minutesToClock(to) };
}

/** One weekday of a resource: its intervals (none = closed), each from–to with a remove button. */
function DayHours({ resourceIndex, day }: { resourceIndex: number; day: Weekday }) {
  const t = useTranslations("calendar.resources");
  const weekdayNames = useTranslations("calendar.weekdays");
  const { control, setValue, clearErrors } = useFormContext<CalendarValues>();
  const name = `resources.${resourceIndex}.hours.${day}` as const;
  const intervals = useWatch({ control, name }) ?? [];
  const dayName = weekdayNames(day);

  function update(next: Array<{ from: string; to: string }>) {
    setValue(name, next, { shouldDirty: true });
    clearErrors(name);
  }

  return (
    <div className="grid gap-2 px-2.5 py-2.5 sm:grid-cols-[7.5rem_minmax(0,1fr)] sm:items-start sm:px-3" data-testid={`day-${day}`}>
      <span className="text-sm font-medium sm:pt-2">{dayName}</span>
      <div className="min-w-0 space-y-2">
        {intervals.length === 0 && <p className="text-sm text-muted-foreground sm:pt-2">{t("closed")}</p>}
        {intervals.map((_, i) => (
          <div key={i} className="grid grid-cols-[minmax(0,1fr)_auto_minmax(0,1fr)_auto] items-start gap-2 sm:grid-cols-[8.5rem_auto_8.5rem_auto] sm:justify-start">
            <TimeInput name={`${name}.${i}.from`} label={`${dayName} ${i + 1}. ${t("from")}`} />
            <span className="pt-2 text-muted-foreground" aria-hidden>
              –
            </span>
            <TimeInput name={`${name}.${i}.to`} label={`${dayName} ${i + 1}. ${t("to")}`} />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label={t("removeInterval", { day: dayName, number: i + 1 })}
              onClick={() => update(intervals.filter((__, j) => j !== i))}
            >
              <X />
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="ghost"
          size="sm"
          className="-ml-2"
          disabled={intervals.length >= calendarLimits.intervalsPerDay}
          aria-label={t("addInterval", { day: dayName })}
          onClick={() => update([...intervals, nextInterval(intervals)])}
        >
          <Plus /> {t("addRange")}
        </Button>
        <RowError name={name} />
      </div>
    </div>
  );
}

function TimeInput({ name, label }: { name: `resources.${number}.hours.${Weekday}.${number}.${"from" | "to"}`; label: string }) {
  const translate = useValidationMessage();
  const { control } = useFormContext<CalendarValues>();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className="gap-1">
          <FormControl>
            <Input type="time" step={300} aria-label={label} className="w-full px-2" {...field} />
          </FormControl>
          <FormMessage translate={translate} />
        </FormItem>
      )}
    />
  );
}
