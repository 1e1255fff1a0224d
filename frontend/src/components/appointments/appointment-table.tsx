"use client";

import { useTranslations } from "next-intl";

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { AppointmentStatusBadge } from "@/components/appointments/appointment-status";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import type { Appointment } from "@/lib/api/types";
import { zonedDay } from "@/lib/appointments/time";
import { cn } from "@/lib/utils";

/** The list view: one row per appointment, earliest first; a row opens its details. */
export function AppointmentTable({ appointments, onOpen }: { appointments: readonly Appointment[]; onOpen: (appointment: Appointment) => void }) {
  const t = useTranslations("appointments");
  const format = useZonedFormat();
  return (
    <div className="rounded-2xl border bg-card shadow-sm">
      <Table data-testid="appointment-table">
        <TableHeader>
          <TableRow>
            <TableHead>{t("columns.when")}</TableHead>
            <TableHead>{t("columns.customer")}</TableHead>
            <TableHead className="hidden sm:table-cell">{t("columns.service")}</TableHead>
            <TableHead className="hidden md:table-cell">{t("columns.resource")}</TableHead>
            <TableHead className="text-right sm:text-left">{t("columns.status")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {appointments.map((appointment) => {
            const zone = appointment.time_zone;
            const day = zonedDay(new Date(appointment.start), zone);
            return (
              <TableRow
                key={appointment.id}
                data-testid="appointment-row"
                className={cn("cursor-pointer", appointment.status === "cancelled" && "text-muted-foreground")}
                onClick={() => onOpen(appointment)}
              >
                <TableCell className="whitespace-nowrap">
                  <div className="flex flex-col">
                    <span className="font-medium">{format.day(day, { weekday: "short", day: "numeric", month: "short" })}</span>
                    <span className="text-xs text-muted-foreground tabular-nums">
                      {format.timeRange(appointment.start, appointment.end, zone)}
                    </span>
                  </div>
                </TableCell>
                <TableCell className="max-w-48">
                  <button
                    type="button"
                    className="block max-w-full truncate text-left font-medium outline-none hover:underline focus-visible:underline"
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpen(appointment);
                    }}
                  >
                    {appointment.customer.name}
                  </button>
                  <span className="block truncate text-xs text-muted-foreground sm:hidden">{appointment.service_name}</span>
                  {appointment.customer.phone && (
                    <span className="hidden truncate text-xs text-muted-foreground sm:block">{appointment.customer.phone}</span>
                  )}
                </TableCell>
                <TableCell className="hidden sm:table-cell">{appointment.service_name}</TableCell>
                <TableCell className="hidden md:table-cell">{appointment.resource_name}</TableCell>
                <TableCell className="text-right sm:text-left">
                  <AppointmentStatusBadge status={appointment.status} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
