"use client";

import { useState } from "react";
import Link from "next/link";
import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarCog, Info, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Separator } from "@/components/ui/separator";
import { Textarea } from "@/components/ui/textarea";
import { SlotPicker, SlotTakenNotice } from "@/components/appointments/slot-picker";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import { FormAlert } from "@/components/shared/form-alert";
import { Notice } from "@/components/shared/notice";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { slotAlternatives, useCreateAppointment } from "@/lib/api/hooks/appointments";
import type { Appointment, Calendar, Slot } from "@/lib/api/types";
import { bookingFieldFor, normalizePhone } from "@/lib/appointments/booking";
import { addDays, todayIn, zonedDay } from "@/lib/appointments/time";
import { bookingSchema, type BookingValues } from "@/lib/validation";

const fieldNames = ["service_id", "day", "slot", "name", "phone", "email", "notes"] as const;

/**
 * "Yeni randevu": a service, a day, one of that day's free times, the customer. A time taken
 * meanwhile (409 `slot_taken`) offers the API's alternatives; a 422 marks its fields. Mounted
 * per opening, so every booking starts empty.
 */
export function BookingDialog({
  botId,
  calendar,
  onOpenChange,
  onCreated,
}: {
  botId: string;
  calendar: Calendar;
  onOpenChange: (open: boolean) => void;
  onCreated: (appointment: Appointment) => void;
}) {
  const t = useTranslations("appointments");
  const durations = useTranslations("calendar.durations");
  const common = useTranslations("common");
  const translate = useValidationMessage();
  const format = useZonedFormat();
  const create = useCreateAppointment();
  const timeZone = calendar.time_zone;
  const services = calendar.services.filter((service) => service.active !== false && service.id);
  const [today] = useState(() => todayIn(timeZone));
  const form = useForm<BookingValues>({
    resolver: zodResolver(bookingSchema),
    defaultValues: {
      service_id: services.length === 1 ? services[0]!.id! : "",
      day: today,
      slot: null,
      name: "",
      phone: "",
      email: "",
      notes: "",
    },
  });
  const onError = useFormError(form, fieldNames, bookingFieldFor);
  const [alternatives, setAlternatives] = useState<Slot[] | null>(null);
  const serviceId = useWatch({ control: form.control, name: "service_id" });
  const day = useWatch({ control: form.control, name: "day" });
  const slot = useWatch({ control: form.control, name: "slot" });

  function pick(next: Slot) {
    form.setValue(
      "slot",
      { start: next.start, resource_id: next.resource_id, resource_name: next.resource_name },
      { shouldValidate: form.formState.isSubmitted },
    );
  }

  function pickAlternative(next: Slot) {
    form.setValue("day", zonedDay(new Date(next.start), timeZone));
    pick(next);
    setAlternatives(null);
  }

  function onSubmit(values: BookingValues) {
    if (!values.slot) return;
    const phone = normalizePhone(values.phone);
    create.mutate(
      {
        bot_id: botId,
        service_id: values.service_id,
        resource_id: values.slot.resource_id,
        start: values.slot.start,
        customer: { name: values.name.trim(), phone: phone || null, email: values.email.trim() || null },
        notes: values.notes.trim(),
        outside_hours: false,
      },
      {
        onSuccess: (appointment) => {
          toast.success(t("create.created"));
          onCreated(appointment);
          onOpenChange(false);
        },
        onError: (error) => {
          const offered = slotAlternatives(error);
          if (offered) {
            setAlternatives(offered);
            form.setValue("slot", null);
            return;
          }
          onError(error);
        },
      },
    );
  }

  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-2xl" closeLabel={common("close")}>
        <DialogHeader>
          <DialogTitle>{t("create.title")}</DialogTitle>
          <DialogDescription>{t("create.description")}</DialogDescription>
        </DialogHeader>
        {services.length === 0 ? (
          <Notice tone="info" icon={Info} role="note" className="items-center">
            <span className="flex-1">{t("create.noServices")}</span>
            <Button asChild variant="outline" size="sm">
              <Link href={`/dashboard/bots/${botId}/calendar`}>
                <CalendarCog /> {t("settings")}
              </Link>
            </Button>
          </Notice>
        ) : (
          <Form {...form}>
            <form onSubmit={form.handleSubmit(onSubmit)} className="min-w-0 space-y-4" noValidate data-testid="booking-form">
              <FormAlert message={form.formState.errors.root?.message} />
              <div className="grid items-start gap-4 sm:grid-cols-2">
                <FormField
                  control={form.control}
                  name="service_id"
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>{t("create.service")}</FormLabel>
                      <Select
                        value={field.value}
                        onValueChange={(value) => {
                          field.onChange(value);
                          form.setValue("slot", null);
                          setAlternatives(null);
                        }}
                      >
                        <FormControl>
                          <SelectTrigger className="w-full" data-testid="booking-service">
                            <SelectValue placeholder={t("create.servicePlaceholder")} />
                          </SelectTrigger>
                        </FormControl>
                        <SelectContent>
                          {services.map((service) => (
                            <SelectItem key={service.id} value={service.id!}>
                              {service.name} · {durations("minutes", { count: service.duration_minutes })}
                            </SelectItem>
                          ))}
                        </SelectContent>
                      </Select>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name="day"
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>{t("slots.day")}</FormLabel>
                      <FormControl>
                        <Input
                          type="date"
                          min={today}
                          max={addDays(today, calendar.max_days_ahead)}
                          {...field}
                          onChange={(event) => {
                            field.onChange(event.target.value);
                            form.setValue("slot", null);
                          }}
                          data-testid="booking-day"
                        />
                      </FormControl>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
              </div>

              {alternatives && <SlotTakenNotice alternatives={alternatives} timeZone={timeZone} onPick={pickAlternative} />}

              <FormField
                control={form.control}
                name="slot"
                render={() => (
                  <FormItem>
                    <SlotPicker
                      botId={botId}
                      serviceId={serviceId || null}
                      day={/^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null}
                      timeZone={timeZone}
                      value={slot}
                      onChange={(next) => {
                        pick(next);
                        setAlternatives(null);
                      }}
                      onDayChange={(next) => {
                        form.setValue("day", next);
                        form.setValue("slot", null);
                      }}
                    />
                    {slot && (
                      <p className="text-sm text-muted-foreground" data-testid="booking-selected">
                        {t("slots.selected", { when: format.dateTime(slot.start, timeZone), resource: slot.resource_name })}
                      </p>
                    )}
                    <FormMessage translate={translate} />
                  </FormItem>
                )}
              />

              <Separator />
              <p className="text-sm font-medium">{t("create.customer")}</p>
              <div className="grid items-start gap-4 sm:grid-cols-2">
                <FormField
                  control={form.control}
                  name="name"
                  render={({ field }) => (
                    <FormItem className="sm:col-span-2">
                      <FormLabel>{t("create.name")}</FormLabel>
                      <FormControl>
                        <Input autoComplete="off" maxLength={100} placeholder={t("create.namePlaceholder")} {...field} />
                      </FormControl>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name="phone"
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>{t("create.phone")}</FormLabel>
                      <FormControl>
                        <Input
                          type="tel"
                          inputMode="tel"
                          autoComplete="off"
                          placeholder="+905321234567"
                          {...field}
                          onBlur={() => {
                            field.onChange(normalizePhone(field.value));
                            field.onBlur();
                          }}
                        />
                      </FormControl>
                      <FormDescription>{t("create.phoneHint")}</FormDescription>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name="email"
                  render={({ field }) => (
                    <FormItem>
                      <FormLabel>{t("create.email")}</FormLabel>
                      <FormControl>
                        <Input type="email" autoComplete="off" {...field} />
                      </FormControl>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
                <FormField
                  control={form.control}
                  name="notes"
                  render={({ field }) => (
                    <FormItem className="sm:col-span-2">
                      <FormLabel>{t("create.notes")}</FormLabel>
                      <FormControl>
                        <Textarea rows={2} maxLength={2000} placeholder={t("create.notesPlaceholder")} {...field} />
                      </FormControl>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
              </div>
              <DialogFooter>
                <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                  {common("cancel")}
                </Button>
                <Button type="submit" disabled={create.isPending} data-testid="booking-submit">
                  {create.isPending && <Loader2 className="animate-spin" />}
                  {t("create.submit")}
                </Button>
              </DialogFooter>
            </form>
          </Form>
        )}
      </DialogContent>
    </Dialog>
  );
}
