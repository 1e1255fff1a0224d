"use client";

import { useId } from "react";
import Link from "next/link";
import { useTranslations } from "next-intl";

import { Skeleton } from "@/components/ui/skeleton";
import { AppointmentStatusBadge } from "@/components/appointments/appointment-status";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import { InlineRetry } from "@/components/shared/inline-retry";
import { useConversationAppointments } from "@/lib/api/hooks/appointments";
import type { Appointment } from "@/lib/api/types";
import { todayIn, zonedDay } from "@/lib/appointments/time";
import { cn } from "@/lib/utils";

/** Where an appointment is shown in full: its week on the appointments page, its details open. */
export function appointmentHref(appointment: Pick<Appointment, "id" | "bot_id">): string {
  return `/dashboard/appointments?bot=${appointment.bot_id}&appointment=${appointment.id}`;
}

/**
 * The appointments booked in a conversation (GET /conversations/{id}/appointments), each with
 * its day and time in the business's time zone, service, resource and status, and a link to
 * it on the appointments page. In a conversation's side panel and a lead's appointments.
 */
export function LinkedAppointments({
  conversationId,
  heading = true,
  className,
}: {
  conversationId: string;
  /** Whether to show the "Randevular" title (off where the surrounding dialog names it). */
  heading?: boolean;
  className?: string;
}) {
  const t = useTranslations("appointments.linked");
  const titleId = useId();
  const appointments = useConversationAppointments(conversationId);

  return (
    <section
      className={cn("space-y-2", className)}
      aria-labelledby={heading ? titleId : undefined}
      aria-label={heading ? undefined : t("title")}
      data-testid="linked-appointments"
    >
      {heading && (
        <h3 id={titleId} className="text-sm font-medium">
          {t("title")}
        </h3>
      )}
      {appointments.isPending ? (
        <div className="space-y-2" aria-busy="true">
          <Skeleton className="h-14 rounded-xl" />
        </div>
      ) : appointments.isError ? (
        <InlineRetry message={t("failed")} onRetry={() => appointments.refetch()} />
      ) : appointments.data.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="linked-appointments-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="space-y-2">
          {appointments.data.map((appointment) => (
            <li key={appointment.id}>
              <LinkedAppointment appointment={appointment} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LinkedAppointment({ appointment }: { appointment: Appointment }) {
  const format = useZonedFormat();
  const zone = appointment.time_zone;
  const day = zonedDay(new Date(appointment.start), zone);
  const otherYear = day.slice(0, 4) !== todayIn(zone).slice(0, 4);
  const date = format.day(day, { weekday: "short", day: "numeric", month: "short", ...(otherYear ? { year: "numeric" } : {}) });
  const time = format.timeRange(appointment.start, appointment.end, zone);
  return (
    <Link
      href={appointmentHref(appointment)}
      className={cn(
        "flex items-start justify-between gap-3 rounded-xl border px-3 py-2 text-left transition-colors outline-none hover:bg-accent/60 focus-visible:ring-[3px] focus-visible:ring-ring/50",
        appointment.status === "cancelled" && "text-muted-foreground",
      )}
      data-testid="linked-appointment"
    >
      <span className="min-w-0 space-y-0.5">
        <span className="block text-sm font-medium">
          {date} · <span className="tabular-nums">{time}</span>
        </span>
        <span className="block truncate text-xs text-muted-foreground">
          {appointment.service_name} · {appointment.resource_name}
        </span>
      </span>
      <AppointmentStatusBadge status={appointment.status} className="shrink-0" />
    </Link>
  );
}
