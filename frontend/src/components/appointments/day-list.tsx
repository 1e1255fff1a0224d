"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { AppointmentStatusBadge, statusBlockClasses } from "@/components/appointments/appointment-status";
import type { PlacedAppointment } from "@/components/appointments/time-grid";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import type { Appointment } from "@/lib/api/types";
import type { Day } from "@/lib/appointments/time";
import { cn } from "@/lib/utils";

/** The visible days one under another, each with its appointments in time order (the phone layout). */
export function DayList({
  days,
  placed,
  today,
  onOpen,
  className,
}: {
  days: readonly Day[];
  placed: readonly PlacedAppointment[];
  today: Day;
  onOpen: (appointment: Appointment) => void;
  className?: string;
}) {
  const t = useTranslations("appointments");
  const format = useZonedFormat();
  return (
    <div className={cn("space-y-5", className)} data-testid="appointment-day-list">
      {days.map((day) => {
        const items = placed.filter((p) => p.day === day).sort((a, b) => a.startMin - b.startMin);
        return (
          <section key={day} className="space-y-2" aria-label={format.day(day, { weekday: "long", day: "numeric", month: "long" })}>
            <h3 className="flex items-center gap-2 text-sm font-semibold">
              {format.day(day, { weekday: "long", day: "numeric", month: "long" })}
              {day === today && <Badge variant="secondary">{t("today")}</Badge>}
            </h3>
            {items.length === 0 ? (
              <p className="rounded-xl border border-dashed px-3 py-2.5 text-sm text-muted-foreground">{t("noAppointmentsDay")}</p>
            ) : (
              <ul className="space-y-2">
                {items.map(({ appointment }) => {
                  const zone = appointment.time_zone;
                  return (
                    <li key={appointment.id}>
                      <button
                        type="button"
                        onClick={() => onOpen(appointment)}
                        data-testid="appointment-item"
                        data-status={appointment.status}
                        className={cn(
                          "flex w-full min-w-0 items-start gap-3 rounded-xl border border-l-4 p-3 text-left text-sm transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
                          statusBlockClasses[appointment.status],
                        )}
                      >
                        <span className="shrink-0 font-semibold tabular-nums">{format.timeRange(appointment.start, appointment.end, zone)}</span>
                        <span className="min-w-0 flex-1">
                          <span className="block truncate font-medium">{appointment.customer.name}</span>
                          <span className="block truncate text-xs text-muted-foreground">
                            {appointment.service_name} · {appointment.resource_name}
                          </span>
                        </span>
                        <AppointmentStatusBadge status={appointment.status} className="shrink-0" />
                      </button>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
