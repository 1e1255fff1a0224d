"use client";

import { Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFormContext, useFormState, useWatch, type UseFieldArrayReturn } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { EntryList } from "@/components/calendar/entry-list";
import { RowError, listError } from "@/components/calendar/row-error";
import { NumberField, TextField } from "@/components/shared/form-fields";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { calendarLimits, newService } from "@/lib/appointments/calendar-form";
import { ulid } from "@/lib/ulid";
import type { CalendarValues } from "@/lib/validation";

/** The services customers book: name, duration, price, description, bookable, who gives it. */
export function ServicesSection({ array }: { array: UseFieldArrayReturn<CalendarValues, "services"> }) {
  const t = useTranslations("calendar.services");
  const { control } = useFormContext<CalendarValues>();
  const { errors } = useFormState({ control, name: "services" });
  return (
    <EntryList
      t={t}
      addTestId="add-service"
      rows={array.fields}
      limit={calendarLimits.services}
      error={listError(errors.services)}
      onAdd={() => array.append(newService(ulid()), { shouldFocus: true, focusName: `services.${array.fields.length}.name` })}
      renderRow={(row, index) => <ServiceRow key={row.id} index={index} onRemove={() => array.remove(index)} />}
    />
  );
}

function ServiceRow({ index, onRemove }: { index: number; onRemove: () => void }) {
  const t = useTranslations("calendar.services");
  const translate = useValidationMessage();
  const { control } = useFormContext<CalendarValues>();
  const name = useWatch({ control, name: `services.${index}.name` });
  const resources = useWatch({ control, name: "resources" });
  const title = name?.trim() || t("untitled");

  return (
    <div className="space-y-4 rounded-xl border p-3 sm:p-4" data-testid="service-row">
      <div className="flex items-center justify-between gap-3">
        <p className="min-w-0 truncate font-medium">{title}</p>
        <Button
          type="button"
          variant="ghost"
          size="icon"
          className="shrink-0 text-destructive hover:text-destructive"
          aria-label={t("remove", { name: title })}
          onClick={onRemove}
        >
          <Trash2 />
        </Button>
      </div>
      <div className="grid items-start gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
        <TextField control={control} name={`services.${index}.name`} label={t("name")} placeholder={t("namePlaceholder")} maxLength={80} />
        <NumberField control={control} name={`services.${index}.duration_minutes`} label={t("duration")} min={5} max={240} step={5} />
        <TextField control={control} name={`services.${index}.price_text`} label={t("price")} placeholder={t("pricePlaceholder")} maxLength={40} />
      </div>
      <FormField
        control={control}
        name={`services.${index}.description`}
        render={({ field }) => (
          <FormItem>
            <FormLabel>{t("description")}</FormLabel>
            <FormControl>
              <Textarea rows={2} maxLength={500} placeholder={t("descriptionPlaceholder")} {...field} />
            </FormControl>
            <FormMessage translate={translate} />
          </FormItem>
        )}
      />
      <div className="grid items-start gap-4 sm:grid-cols-2">
        <FormField
          control={control}
          name={`services.${index}.active`}
          render={({ field }) => (
            <FormItem className="flex flex-row items-center justify-between gap-4 rounded-xl border p-3">
              <FormLabel>{t("active")}</FormLabel>
              <FormControl>
                <Switch checked={field.value} onCheckedChange={field.onChange} />
              </FormControl>
            </FormItem>
          )}
        />
        <FormField
          control={control}
          name={`services.${index}.resource_ids`}
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("resources")}</FormLabel>
              {resources.length > 0 && (
                <div className="flex flex-wrap gap-x-4 gap-y-2">
                  {resources.map((resource) => {
                    const id = resource.entryId;
                    const checked = field.value.includes(id);
                    return (
                      <label key={id} className="flex cursor-pointer items-center gap-2 text-sm">
                        <Checkbox
                          checked={checked}
                          onCheckedChange={(on) =>
                            field.onChange(on === true ? [...field.value, id] : field.value.filter((value) => value !== id))
                          }
                        />
                        {resource.name || "—"}
                      </label>
                    );
                  })}
                </div>
              )}
              <FormDescription>{t("resourcesHint")}</FormDescription>
              <FormMessage translate={translate} />
            </FormItem>
          )}
        />
      </div>
      <RowError name={`services.${index}`} />
    </div>
  );
}
