"use client";

import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { AppointmentStatus } from "@/lib/api/types";

const badgeVariants = {
  booked: "default",
  completed: "success",
  no_show: "warning",
  cancelled: "outline",
} as const satisfies Record<AppointmentStatus, "default" | "success" | "warning" | "outline">;

/** Colours of an appointment's block in the time grid and its card in the day list. */
export const statusBlockClasses: Record<AppointmentStatus, string> = {
  booked: "border-primary/30 border-l-primary bg-primary/10 hover:bg-primary/15",
  completed: "border-success/30 border-l-success bg-success/10 hover:bg-success/15",
  no_show: "border-warning/30 border-l-warning bg-warning/10 hover:bg-warning/15",
  // Struck through and greyed, but not faded: its text keeps 4.5:1.
  cancelled: "border-border border-l-muted-foreground bg-muted text-muted-foreground line-through hover:bg-muted/70",
};

export function AppointmentStatusBadge({ status, className }: { status: AppointmentStatus; className?: string }) {
  const t = useTranslations("appointments.statuses");
  return (
    <Badge variant={badgeVariants[status]} className={className} data-testid="appointment-status" data-status={status}>
      {t(status)}
    </Badge>
  );
}
