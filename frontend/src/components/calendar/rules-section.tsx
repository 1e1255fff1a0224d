"use client";

import { useTranslations } from "next-intl";
import { useFormContext, useWatch } from "react-hook-form";

import { FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { NumberField, SelectField, TextField } from "@/components/shared/form-fields";
import { SectionCard } from "@/components/shared/section-card";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { noticeChoices, reminderChoices, slotSteps } from "@/lib/appointments/calendar-form";
import { commonTimeZones, durationParts, offsetLabel } from "@/lib/appointments/time";
import { withCurrent } from "@/lib/choices";
import type { CalendarValues } from "@/lib/validation";

/** "3 saat", "2 gün", "45 dk" for a number of minutes. */
export function useDurationLabel() {
  const t = useTranslations("calendar.durations");
  return (minutes: number) => {
    const { unit, count } = durationParts(minutes);
    return t(unit, { count });
  };
}

/** A select of a number of minutes (the stored value is kept when it is not one of the choices). */
function NumberSelect({
  name,
  label,
  description,
  choices,
  render,
  testId,
}: {
  name: "slot_step_minutes" | "min_notice_minutes" | "reminder_minutes_before";
  label: string;
  description: string;
  choices: readonly number[];
  render: (value: number) => string;
  testId: string;
}) {
  const { control } = useFormContext<CalendarValues>();
  const current = useWatch({ control, name });
  return (
    <SelectField
      control={control}
      name={name}
      label={label}
      description={description}
      options={withCurrent(choices, current).map((value) => ({ value, label: render(value) }))}
      data-testid={testId}
    />
  );
}

/** Time zone and the booking rules (step, buffer, notice, window, reminder). */
export function RulesSection() {
  const t = useTranslations("calendar.rules");
  const section = useTranslations("calendar");
  const translate = useValidationMessage();
  const duration = useDurationLabel();
  const { control } = useFormContext<CalendarValues>();
  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} contentClassName="grid items-start gap-5 sm:grid-cols-2 lg:grid-cols-3">
      <FormField
        control={control}
        name="time_zone"
        render={({ field }) => (
          <FormItem>
            <FormLabel>{t("timeZone")}</FormLabel>
            <Select value={field.value} onValueChange={field.onChange}>
              <FormControl>
                <SelectTrigger className="w-full" data-testid="calendar-time-zone">
                  <SelectValue />
                </SelectTrigger>
              </FormControl>
              <SelectContent>
                {[...new Set([...commonTimeZones, field.value])].map((zone) => (
                  <SelectItem key={zone} value={zone}>
                    {zone.replaceAll("_", " ")} {offsetLabel(zone) && `(${offsetLabel(zone)})`}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
            <FormMessage translate={translate} />
          </FormItem>
        )}
      />
      <NumberSelect
        name="slot_step_minutes"
        label={t("slotStep")}
        description={t("slotStepHint")}
        choices={slotSteps}
        render={(value) => section("durations.minutes", { count: value })}
        testId="calendar-slot-step"
      />
      <NumberField control={control} name="buffer_minutes" label={t("buffer")} description={t("bufferHint")} min={0} max={120} step={5} />
      <NumberSelect
        name="min_notice_minutes"
        label={t("minNotice")}
        description={t("minNoticeHint")}
        choices={noticeChoices}
        render={(value) => (value === 0 ? t("noticeNone") : t("noticeLater", { duration: duration(value) }))}
        testId="calendar-min-notice"
      />
      <NumberField
        control={control}
        name="max_days_ahead"
        label={t("maxDaysAhead")}
        description={t("maxDaysAheadHint")}
        min={1}
        max={365}
        step={1}
      />
      <NumberSelect
        name="reminder_minutes_before"
        label={t("reminder")}
        description={t("reminderHint")}
        choices={reminderChoices}
        render={(value) => (value === 0 ? t("reminderOff") : t("reminderBefore", { duration: duration(value) }))}
        testId="calendar-reminder"
      />
      <div className="sm:col-span-2 lg:col-span-3">
        <TextField
          control={control}
          name="reminder_template"
          label={t("reminderTemplate")}
          description={t("reminderTemplateHint")}
          maxLength={512}
          autoComplete="off"
          className="font-mono"
        />
      </div>
    </SectionCard>
  );
}
