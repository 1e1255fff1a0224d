"use client";

import { statusBlockClasses } from "@/components/appointments/appointment-status";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import type { Appointment } from "@/lib/api/types";
import { layoutLanes, minutesToClock, type Day } from "@/lib/appointments/time";
import { cn } from "@/lib/utils";

/** An appointment placed in the business's time zone (see placeInDay). */
export type PlacedAppointment = { appointment: Appointment; day: Day; startMin: number; endMin: number };

/** A column of the grid: a day (week view) or a resource on one day (day view). */
export type GridColumn = {
  key: string;
  day: Day;
  resourceId?: string;
  title: React.ReactNode;
  subtitle?: React.ReactNode;
  highlight?: boolean;
};

/** Height of one minute, in pixels: a 30-minute appointment is tall enough for two lines. */
const minutePx = 1.25;
const minBlockPx = 22;

export function columnItems(placed: readonly PlacedAppointment[], column: GridColumn) {
  return placed.filter((p) => p.day === column.day && (!column.resourceId || p.appointment.resource_id === column.resourceId));
}

/**
 * Times down the side, one column per day or resource, each appointment a block placed by its
 * start and end; overlapping blocks share their column's width. Wide screens only (the page
 * shows a day list on phones); with many resources the grid scrolls sideways inside its card.
 */
export function TimeGrid({
  columns,
  placed,
  bounds,
  onOpen,
  testId,
  className,
}: {
  columns: readonly GridColumn[];
  placed: readonly PlacedAppointment[];
  bounds: { startMin: number; endMin: number };
  onOpen: (appointment: Appointment) => void;
  testId: string;
  className?: string;
}) {
  const format = useZonedFormat();
  const height = (bounds.endMin - bounds.startMin) * minutePx;
  const hours: number[] = [];
  for (let m = bounds.startMin; m < bounds.endMin; m += 60) hours.push(m);
  const template = { gridTemplateColumns: `3.5rem repeat(${columns.length}, minmax(8rem, 1fr))` };

  return (
    <div className={cn("overflow-x-auto rounded-2xl border bg-card shadow-sm", className)} data-testid={testId}>
      <div className="min-w-fit">
        <div className="grid border-b" style={template}>
          <div aria-hidden />
          {columns.map((column) => (
            <div
              key={column.key}
              className={cn("min-w-0 border-l px-2 py-2 text-center text-sm", column.highlight && "bg-primary/5")}
              data-testid="grid-column-header"
            >
              <div className={cn("truncate font-medium", column.highlight && "text-primary")}>{column.title}</div>
              {column.subtitle && <div className="truncate text-xs text-muted-foreground">{column.subtitle}</div>}
            </div>
          ))}
        </div>
        <div className="grid" style={template}>
          <div className="relative" style={{ height }} aria-hidden>
            {hours.map((m) => (
              <span
                key={m}
                className="absolute right-2 -translate-y-1/2 text-[11px] text-muted-foreground tabular-nums first:translate-y-0"
                style={{ top: (m - bounds.startMin) * minutePx }}
              >
                {minutesToClock(m)}
              </span>
            ))}
          </div>
          {columns.map((column) => (
            <div
              key={column.key}
              className={cn("relative min-w-0 border-l", column.highlight && "bg-primary/5")}
              style={{
                height,
                backgroundImage: "linear-gradient(to bottom, var(--border) 1px, transparent 1px)",
                backgroundSize: `100% ${60 * minutePx}px`,
              }}
              data-testid="grid-column"
              data-day={column.day}
            >
              {layoutLanes(
                columnItems(placed, column).map((p) => ({ ...p, id: p.appointment.id })),
              ).map(({ appointment, startMin, endMin, lane, lanes }) => {
                const blockHeight = Math.max((endMin - startMin) * minutePx, minBlockPx);
                const zone = appointment.time_zone;
                const time = format.time(appointment.start, zone);
                return (
                  <button
                    key={appointment.id}
                    type="button"
                    onClick={() => onOpen(appointment)}
                    title={`${format.timeRange(appointment.start, appointment.end, zone)} · ${appointment.customer.name} · ${appointment.service_name}`}
                    data-testid="appointment-block"
                    data-status={appointment.status}
                    className={cn(
                      "absolute overflow-hidden rounded-md border border-l-4 px-1.5 py-0.5 text-left text-xs leading-tight shadow-xs transition-colors outline-none focus-visible:z-10 focus-visible:ring-[3px] focus-visible:ring-ring/50",
                      statusBlockClasses[appointment.status],
                    )}
                    style={{
                      top: (startMin - bounds.startMin) * minutePx,
                      height: blockHeight,
                      left: `calc(${(lane / lanes) * 100}% + 2px)`,
                      width: `calc(${100 / lanes}% - 4px)`,
                    }}
                  >
                    <span className="block truncate">
                      <span className="font-semibold tabular-nums">{time}</span> {appointment.customer.name}
                    </span>
                    {blockHeight >= 36 && <span className="block truncate opacity-80">{appointment.service_name}</span>}
                  </button>
                );
              })}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
