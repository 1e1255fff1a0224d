"use client";

import { useState } from "react";
import Link from "next/link";
import { Bot as BotIcon, CalendarCog, CalendarDays, CalendarX, ChevronLeft, ChevronRight, Loader2, Plus, SearchX } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { AppointmentDialog } from "@/components/appointments/appointment-dialog";
import { AppointmentTable } from "@/components/appointments/appointment-table";
import { BookingDialog } from "@/components/appointments/booking-dialog";
import { CalendarFeedButton } from "@/components/appointments/calendar-feed";
import { DayList } from "@/components/appointments/day-list";
import { TimeGrid, type GridColumn, type PlacedAppointment } from "@/components/appointments/time-grid";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import { EmptyState } from "@/components/shared/empty-state";
import { FilterSelect } from "@/components/shared/filter-select";
import { ErrorState } from "@/components/shared/error-state";
import { Notice } from "@/components/shared/notice";
import { PageHeader } from "@/components/shared/page-header";
import { TableSkeleton } from "@/components/shared/page-skeleton";
import { ToggleButtons } from "@/components/shared/toggle-buttons";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useAppointment, useAppointments, useCalendar } from "@/lib/api/hooks/appointments";
import { useBots } from "@/lib/api/hooks/bots";
import type { Appointment, AppointmentStatus, Calendar } from "@/lib/api/types";
import { appointmentStatuses } from "@/lib/appointments/booking";
import { isCalendarEmpty, workingIntervals } from "@/lib/appointments/calendar-form";
import {
  gridBounds,
  placeInDay,
  rangeOf,
  shiftAnchor,
  todayIn,
  visibleDays,
  zonedDay,
  type CalendarView,
  type Day,
} from "@/lib/appointments/time";

/** Takes `?appointment=` out of the address once its details were closed (a reload should not reopen them). */
function forgetFocusInUrl() {
  const params = new URLSearchParams(window.location.search);
  if (!params.has("appointment")) return;
  params.delete("appointment");
  const query = params.toString();
  window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
}

/**
 * /dashboard/appointments: the chosen bot's appointments as a week (default) or day grid, or a
 * list; on phones the grids become a list of days. "Yeni randevu" books one by hand.
 * `?appointment=<id>` (links from conversations and leads) opens that appointment's bot and
 * week, with its details.
 */
export function AppointmentsView({
  initialBotId,
  initialView,
  initialAppointmentId,
}: {
  initialBotId: string | null;
  initialView: CalendarView;
  initialAppointmentId: string | null;
}) {
  const t = useTranslations("appointments");
  const bots = useTranslations("bots");
  const message = useErrorMessage();
  const list = useBots();
  const [chosenBot, setChosenBot] = useState(initialBotId);
  const [focusId, setFocusId] = useState(initialAppointmentId);
  const focus = useAppointment(focusId);
  // The linked appointment's bot is shown, once, whatever bot the link named.
  const [adopted, setAdopted] = useState<string | null>(null);
  if (focus.data && adopted !== focus.data.id) {
    setAdopted(focus.data.id);
    setChosenBot(focus.data.bot_id);
  }
  const botId = list.data?.find((bot) => bot.id === chosenBot)?.id ?? list.data?.[0]?.id ?? null;
  const calendar = useCalendar(botId);
  const [view, setView] = useState<CalendarView>(initialView);
  const [booking, setBooking] = useState(false);
  const ready = calendar.data && !isCalendarEmpty(calendar.data) ? calendar.data : null;

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <>
            {list.data && list.data.length > 1 && (
              <Select
                value={botId ?? undefined}
                onValueChange={(value) => {
                  setChosenBot(value);
                  setFocusId(null);
                }}
              >
                <SelectTrigger className="w-full sm:w-48" aria-label={t("bot")} data-testid="appointments-bot">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {list.data.map((bot) => (
                    <SelectItem key={bot.id} value={bot.id}>
                      {bot.name}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            )}
            {list.data && list.data.length > 0 && <CalendarFeedButton />}
            {ready && (
              <Button asChild variant="outline">
                <Link href={`/dashboard/bots/${botId}/calendar`} data-testid="calendar-settings-link">
                  <CalendarCog /> {t("settings")}
                </Link>
              </Button>
            )}
            {ready && (
              <Button onClick={() => setBooking(true)} data-testid="new-appointment">
                <Plus /> {t("new")}
              </Button>
            )}
          </>
        }
      />

      {focus.isError && (
        <Notice tone="warning" icon={SearchX} role="alert" testId="appointment-link-missing">
          <span>
            {t("linkMissing")} {message(focus.error)}
          </span>
        </Notice>
      )}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data ? (
        <TableSkeleton rows={6} />
      ) : list.data.length === 0 || !botId ? (
        <EmptyState
          icon={BotIcon}
          title={bots("empty")}
          description={t("needBot")}
          action={
            <Button asChild>
              <Link href="/dashboard/bots">{bots("create")}</Link>
            </Button>
          }
        />
      ) : calendar.isError ? (
        <ErrorState error={calendar.error} onRetry={() => calendar.refetch()} />
      ) : !calendar.data ? (
        <TableSkeleton rows={6} />
      ) : !ready ? (
        <EmptyState
          icon={CalendarX}
          title={t("noCalendar.title")}
          description={t("noCalendar.body")}
          action={
            <Button asChild>
              <Link href={`/dashboard/bots/${botId}/calendar`} data-testid="calendar-setup-link">
                <CalendarCog /> {t("noCalendar.action")}
              </Link>
            </Button>
          }
        />
      ) : (
        <Schedule
          key={botId}
          botId={botId}
          calendar={ready}
          view={view}
          onViewChange={setView}
          booking={booking}
          onBookingChange={setBooking}
          focus={focus.data?.bot_id === botId ? focus.data : null}
          onFocusClosed={() => {
            setFocusId(null);
            forgetFocusInUrl();
          }}
        />
      )}
    </div>
  );
}

function Schedule({
  botId,
  calendar,
  view,
  onViewChange,
  booking,
  onBookingChange,
  focus,
  onFocusClosed,
}: {
  botId: string;
  calendar: Calendar;
  view: CalendarView;
  onViewChange: (view: CalendarView) => void;
  booking: boolean;
  onBookingChange: (open: boolean) => void;
  /** An appointment to show (a link's `?appointment=`): its week, and its details opened. */
  focus: Appointment | null;
  onFocusClosed: () => void;
}) {
  const t = useTranslations("appointments");
  const format = useZonedFormat();
  const timeZone = calendar.time_zone;
  const today = todayIn(timeZone);
  const [anchor, setAnchor] = useState<Day | null>(null);
  const [resourceId, setResourceId] = useState<string | null>(null);
  const [status, setStatus] = useState<AppointmentStatus | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [open, setOpen] = useState<Appointment | null>(null);
  const [focused, setFocused] = useState<string | null>(null);
  if (focus && focused !== focus.id) {
    setFocused(focus.id);
    setAnchor(zonedDay(new Date(focus.start), timeZone));
    if (focus.status === "cancelled") setShowCancelled(true);
    setOpen(focus);
  }

  const day = anchor ?? today;
  const days = visibleDays(view === "day" ? "day" : "week", day);
  const range = rangeOf(days, timeZone);
  const resources = calendar.resources.filter((resource): resource is typeof resource & { id: string } => Boolean(resource.id));
  const resource = resources.find((r) => r.id === resourceId) ?? null;
  const appointments = useAppointments({ ...range, bot_id: botId, resource_id: resource?.id });
  const items = appointments.data ?? [];
  const shown = items.filter((a) => showCancelled || a.status !== "cancelled");
  const listed = status ? items.filter((a) => a.status === status) : shown;
  const placed: PlacedAppointment[] = shown.map((appointment) => ({
    appointment,
    ...placeInDay(appointment.start, appointment.end, timeZone),
  }));
  const inView = placed.filter((p) => days.includes(p.day));
  const bounds = gridBounds(workingIntervals(calendar), inView);
  const selected = open ? (items.find((a) => a.id === open.id) ?? open) : null;

  const columns: GridColumn[] =
    view === "day"
      ? dayColumns(day, resource ? [resource] : resources.filter((r) => r.active !== false), inView, today)
      : days.map((d) => ({
          key: d,
          day: d,
          title: format.day(d, { weekday: "short" }),
          subtitle: format.day(d, { day: "numeric", month: "short" }),
          highlight: d === today,
        }));

  function show(appointment: Appointment) {
    const at = zonedDay(new Date(appointment.start), timeZone);
    if (!days.includes(at)) setAnchor(at);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 rounded-2xl border bg-card p-3 shadow-sm xl:flex-row xl:items-center xl:justify-between" data-testid="appointments-toolbar">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <div className="flex items-center gap-1">
            <Button variant="outline" size="icon" aria-label={t("previous")} onClick={() => setAnchor(shiftAnchor(view === "day" ? "day" : "week", day, -1))} data-testid="appointments-prev">
              <ChevronLeft />
            </Button>
            <Button variant="outline" onClick={() => setAnchor(null)} disabled={day === today} data-testid="appointments-today">
              {t("today")}
            </Button>
            <Button variant="outline" size="icon" aria-label={t("next")} onClick={() => setAnchor(shiftAnchor(view === "day" ? "day" : "week", day, 1))} data-testid="appointments-next">
              <ChevronRight />
            </Button>
          </div>
          <h2 className="min-w-0 text-base font-semibold" data-testid="appointments-range" aria-live="polite">
            {view === "day"
              ? format.day(day, { weekday: "long", day: "numeric", month: "long", year: "numeric" })
              : format.dayRange(days[0]!, days[days.length - 1]!)}
          </h2>
          {appointments.isFetching && <Loader2 className="size-4 animate-spin text-muted-foreground" aria-hidden />}
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {/* Looks like tabs, but changes how the one view below is drawn: toggle buttons, not tabs with panels. */}
          <ToggleButtons
            label={t("views.label")}
            value={view}
            onChange={onViewChange}
            options={(["week", "day", "list"] as const).map((v) => ({ value: v, label: t(`views.${v}`), testId: `view-${v}` }))}
          />
          {resources.length > 1 && (
            <FilterSelect
              value={resource?.id}
              onChange={setResourceId}
              allLabel={t("allResources")}
              options={resources.map((r) => ({ value: r.id, label: r.name }))}
              label={t("resource")}
              className="w-full sm:w-fit sm:max-w-64"
              fitWidth
              testId="appointments-resource"
            />
          )}
          {view === "list" && (
            <FilterSelect
              value={status}
              onChange={setStatus}
              allLabel={t("allStatuses")}
              options={appointmentStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              label={t("status")}
              className="w-full sm:w-fit"
              fitWidth
              testId="appointments-status"
            />
          )}
          <div className="flex items-center gap-2">
            <Switch id="show-cancelled" checked={showCancelled} onCheckedChange={setShowCancelled} data-testid="show-cancelled" />
            <Label htmlFor="show-cancelled" className="font-normal">
              {t("showCancelled")}
            </Label>
          </div>
        </div>
      </div>

      {appointments.isError && !appointments.data ? (
        <ErrorState error={appointments.error} onRetry={() => appointments.refetch()} />
      ) : appointments.isPending ? (
        <TableSkeleton rows={6} />
      ) : view === "list" ? (
        listed.length === 0 ? (
          <EmptyState
            icon={CalendarDays}
            title={status ? t("noMatches") : t("noAppointments")}
            description={status ? undefined : t("noAppointmentsHint")}
          />
        ) : (
          <AppointmentTable appointments={listed} onOpen={setOpen} />
        )
      ) : (
        <>
          <TimeGrid
            columns={columns}
            placed={inView}
            bounds={bounds}
            onOpen={setOpen}
            testId={view === "day" ? "day-grid" : "week-grid"}
            className="hidden md:block"
          />
          <DayList days={days} placed={inView} today={today} onOpen={setOpen} className="md:hidden" />
        </>
      )}

      <p className="text-xs text-muted-foreground">{t("timeZoneNote", { zone: timeZone })}</p>

      {booking && (
        <BookingDialog
          botId={botId}
          calendar={calendar}
          onOpenChange={onBookingChange}
          onCreated={show}
        />
      )}
      {selected && (
        <AppointmentDialog
          key={selected.id}
          appointment={selected}
          maxDaysAhead={calendar.max_days_ahead}
          onOpenChange={(isOpen) => {
            if (isOpen) return;
            setOpen(null);
            if (focus && selected.id === focus.id) onFocusClosed();
          }}
          onChanged={(changed) => {
            setOpen(changed);
            show(changed);
          }}
        />
      )}
    </div>
  );
}

/**
 * The day view's columns: the resources working (active) that day, each its own column, plus
 * any resource that has an appointment then but is no longer in the calendar.
 */
function dayColumns(
  day: Day,
  resources: ReadonlyArray<{ id: string; name: string }>,
  placed: readonly PlacedAppointment[],
  today: Day,
): GridColumn[] {
  const columns: GridColumn[] = resources.map((r) => ({ key: r.id, day, resourceId: r.id, title: r.name, highlight: day === today }));
  for (const { appointment } of placed) {
    if (!columns.some((c) => c.resourceId === appointment.resource_id)) {
      columns.push({ key: appointment.resource_id, day, resourceId: appointment.resource_id, title: appointment.resource_name, highlight: day === today });
    }
  }
  return columns.length > 0 ? columns : [{ key: day, day, title: "—", highlight: day === today }];
}
