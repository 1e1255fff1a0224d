"use client";

import { useState } from "react";
import Link from "next/link";
import { zodResolver } from "@hookform/resolvers/zod";
import { CalendarDays, Loader2, RotateCw, Save, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFieldArray, useForm, type Path } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Form } from "@/components/ui/form";
import { Skeleton } from "@/components/ui/skeleton";
import { BotSubnav } from "@/components/bots/bot-subnav";
import { ClosuresSection } from "@/components/calendar/closures-section";
import { ResourcesSection } from "@/components/calendar/resources-section";
import { RulesSection } from "@/components/calendar/rules-section";
import { ServicesSection } from "@/components/calendar/services-section";
import { fieldErrorMessage } from "@/components/shared/apply-field-errors";
import { ErrorState } from "@/components/shared/error-state";
import { FormAlert } from "@/components/shared/form-alert";
import { Notice } from "@/components/shared/notice";
import { PageHeader } from "@/components/shared/page-header";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { useCalendar, useSaveCalendar } from "@/lib/api/hooks/appointments";
import { useBot } from "@/lib/api/hooks/bots";
import { isApiError } from "@/lib/api/problem";
import type { Calendar } from "@/lib/api/types";
import { calendarErrorPath, toCalendarInput, toCalendarValues } from "@/lib/appointments/calendar-form";
import { ulid } from "@/lib/ulid";
import { calendarSchema, type CalendarValues } from "@/lib/validation";

/** /dashboard/bots/[botId]/calendar: "Randevu ayarları", a tab of the bot's pages. */
export function CalendarSettings({ botId }: { botId: string }) {
  const t = useTranslations("calendar");
  const bot = useBot(botId);
  const calendar = useCalendar(botId);
  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={bot.data ? t("subtitle", { name: bot.data.name }) : undefined}
        actions={
          <Button asChild variant="outline">
            <Link href={`/dashboard/appointments?bot=${botId}`}>
              <CalendarDays /> {t("viewAppointments")}
            </Link>
          </Button>
        }
      />
      <BotSubnav botId={botId} />
      {calendar.isError ? (
        <ErrorState error={calendar.error} onRetry={() => calendar.refetch()} />
      ) : !calendar.data ? (
        <div className="space-y-6" aria-busy="true">
          <Skeleton className="h-72 rounded-2xl" />
          <Skeleton className="h-56 rounded-2xl" />
        </div>
      ) : (
        <CalendarForm key={botId} botId={botId} calendar={calendar.data} reload={async () => (await calendar.refetch()).data} />
      )}
    </div>
  );
}

/**
 * The whole calendar in one form, saved in one PUT with the version it was read at. The form
 * keeps what was read even when the query refetches in the background; a 409
 * `version_conflict` says so and offers the current version. A 422's fields (`services[2].…`)
 * are marked at their controls.
 */
function CalendarForm({ botId, calendar, reload }: { botId: string; calendar: Calendar; reload: () => Promise<Calendar | undefined> }) {
  const t = useTranslations("calendar");
  const message = useErrorMessage();
  const translate = useValidationMessage();
  const save = useSaveCalendar(botId);
  const form = useForm<CalendarValues>({ resolver: zodResolver(calendarSchema), defaultValues: toCalendarValues(calendar, ulid) });
  const services = useFieldArray({ control: form.control, name: "services" });
  const resources = useFieldArray({ control: form.control, name: "resources" });
  const closures = useFieldArray({ control: form.control, name: "closures" });
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const rootMessage = form.formState.errors.root?.message;

  function showServerErrors(error: unknown) {
    if (!isApiError(error) || error.errors.length === 0) {
      form.setError("root", { type: "server", message: message(error) });
      return;
    }
    const elsewhere: string[] = [];
    let first = true;
    for (const fieldError of error.errors) {
      const path = calendarErrorPath(fieldError.field);
      if (!path) {
        elsewhere.push(`${fieldError.field}: ${translate(fieldErrorMessage(fieldError))}`);
        continue;
      }
      form.setError(path as Path<CalendarValues>, { type: "server", message: fieldErrorMessage(fieldError) }, { shouldFocus: first });
      first = false;
    }
    form.setError("root", { type: "server", message: [t("invalid"), ...elsewhere].join(" ") });
  }

  function onSubmit(values: CalendarValues) {
    setConflict(false);
    save.mutate(toCalendarInput(values), {
      onSuccess: (saved) => {
        form.reset(toCalendarValues(saved, ulid));
        toast.success(t("saved"));
      },
      onError: (error) => {
        if (isApiError(error) && error.code === "version_conflict") {
          setConflict(true);
          return;
        }
        showServerErrors(error);
      },
    });
  }

  async function loadCurrent() {
    setReloading(true);
    try {
      const current = await reload();
      if (current) {
        form.reset(toCalendarValues(current, ulid));
        setConflict(false);
        toast.success(t("reloaded"));
      }
    } finally {
      setReloading(false);
    }
  }

  /** A resource leaves: the services stop naming it and its own closed days go too. */
  function removeResource(index: number) {
    const entryId = form.getValues(`resources.${index}.entryId`);
    form.getValues("services").forEach((service, i) => {
      if (service.resource_ids.includes(entryId)) {
        form.setValue(
          `services.${i}.resource_ids`,
          service.resource_ids.filter((id) => id !== entryId),
          { shouldDirty: true },
        );
      }
    });
    const leave = form
      .getValues("closures")
      .flatMap((closure, i) => (closure.resource_id === entryId ? [i] : []));
    if (leave.length > 0) closures.remove(leave);
    resources.remove(index);
  }

  return (
    <Form {...form}>
      <form
        onSubmit={form.handleSubmit(onSubmit, () => form.setError("root", { type: "client", message: t("invalid") }))}
        noValidate
        className="space-y-6"
        data-testid="calendar-form"
      >
        <RulesSection />
        <ServicesSection array={services} />
        <ResourcesSection array={resources} onRemove={removeResource} />
        <ClosuresSection array={closures} />

        <div
          className="sticky bottom-4 z-10 flex flex-col gap-3 rounded-2xl border bg-card/95 p-3 shadow-lg backdrop-blur supports-[backdrop-filter]:bg-card/80 sm:flex-row sm:items-center sm:justify-between"
          data-testid="calendar-savebar"
        >
          <div className="min-w-0 flex-1 text-sm">
            {conflict ? (
              <Notice tone="warning" icon={TriangleAlert} role="alert" testId="calendar-conflict">
                <div className="space-y-0.5">
                  <p className="font-semibold">{t("conflictTitle")}</p>
                  <p className="text-muted-foreground">{t("conflictBody")}</p>
                </div>
              </Notice>
            ) : rootMessage ? (
              <FormAlert message={rootMessage} />
            ) : form.formState.isDirty ? (
              <p className="text-muted-foreground">{t("unsaved")}</p>
            ) : null}
          </div>
          <div className="flex shrink-0 flex-wrap gap-2">
            {conflict && (
              <Button type="button" variant="outline" onClick={loadCurrent} disabled={reloading} data-testid="calendar-reload">
                {reloading ? <Loader2 className="animate-spin" /> : <RotateCw />}
                {t("reload")}
              </Button>
            )}
            <Button type="submit" disabled={save.isPending || conflict || !form.formState.isDirty} data-testid="save-calendar">
              {save.isPending ? <Loader2 className="animate-spin" /> : <Save />}
              {t("save")}
            </Button>
          </div>
        </div>
      </form>
    </Form>
  );
}
