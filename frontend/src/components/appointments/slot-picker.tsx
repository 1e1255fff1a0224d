"use client";

import { useId } from "react";
import { CalendarClock, RotateCw, TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Notice } from "@/components/shared/notice";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import { useSlots } from "@/lib/api/hooks/appointments";
import type { Slot } from "@/lib/api/types";
import { groupSlotsByResource, sameSlot } from "@/lib/appointments/booking";
import { addDays, zonedDay, type Day } from "@/lib/appointments/time";

export type ChosenSlot = Pick<Slot, "start" | "resource_id">;

/**
 * The free times of one day for a service (GET /bots/{bot_id}/slots), as buttons, grouped by
 * resource when several resources have times. A day without free times offers the next day
 * that has some (within two weeks). When an appointment is being moved, its own time counts as
 * free (`excludeAppointmentId`).
 */
export function SlotPicker({
  botId,
  serviceId,
  day,
  timeZone,
  value,
  onChange,
  onDayChange,
  excludeAppointmentId,
}: {
  botId: string;
  serviceId: string | null;
  day: Day | null;
  timeZone: string;
  value: ChosenSlot | null;
  onChange: (slot: Slot) => void;
  onDayChange: (day: Day) => void;
  excludeAppointmentId?: string;
}) {
  const t = useTranslations("appointments.slots");
  const common = useTranslations("common");
  const format = useZonedFormat();
  const titleId = useId();
  const exclude = excludeAppointmentId ? { exclude_appointment_id: excludeAppointmentId } : {};
  const ready = serviceId && day ? { service_id: serviceId, from: day, to: day, ...exclude } : null;
  const slots = useSlots(botId, ready);
  const empty = slots.isSuccess && slots.data.slots.length === 0;
  const later = useSlots(
    botId,
    empty && serviceId && day ? { service_id: serviceId, from: addDays(day, 1), to: addDays(day, 14), ...exclude } : null,
  );
  const nextFree = later.data?.slots[0];
  const groups = groupSlotsByResource(slots.data?.slots ?? []);

  return (
    <div
      className="space-y-2"
      role="group"
      aria-labelledby={titleId}
      data-testid="slot-picker"
      data-day={slots.isSuccess ? day : undefined}
    >
      <p id={titleId} className="text-sm leading-none font-medium">
        {t("title")}
      </p>
      {!ready ? (
        <p className="text-sm text-muted-foreground">{t("pickService")}</p>
      ) : slots.isPending ? (
        <div className="grid grid-cols-4 gap-2 sm:grid-cols-6" aria-busy="true">
          {Array.from({ length: 12 }, (_, i) => (
            <Skeleton key={i} className="h-8 rounded-lg" />
          ))}
        </div>
      ) : slots.isError ? (
        <Notice tone="error" icon={TriangleAlert} role="alert" className="items-center">
          <span className="flex-1">{t("failed")}</span>
          <Button type="button" variant="outline" size="sm" onClick={() => slots.refetch()}>
            <RotateCw /> {common("retry")}
          </Button>
        </Notice>
      ) : empty ? (
        <div className="space-y-2 rounded-xl border border-dashed p-3 text-sm" data-testid="no-slots">
          <p className="text-muted-foreground">{t("none")}</p>
          {nextFree ? (
            <Button type="button" variant="outline" size="sm" onClick={() => onDayChange(zonedDay(new Date(nextFree.start), timeZone))} data-testid="next-free-day">
              <CalendarClock />
              {t("nextFree", { day: format.day(zonedDay(new Date(nextFree.start), timeZone), { weekday: "long", day: "numeric", month: "long" }) })}
            </Button>
          ) : later.isSuccess ? (
            <p className="text-muted-foreground">{t("noneSoon")}</p>
          ) : null}
        </div>
      ) : (
        <div className="max-h-64 space-y-3 overflow-y-auto pr-1">
          {groups.map((group) => (
            <div key={group.resource_id} className="space-y-1.5">
              {groups.length > 1 && <p className="text-xs font-medium text-muted-foreground">{group.resource_name}</p>}
              <div className="grid grid-cols-4 gap-2 sm:grid-cols-6">
                {group.slots.map((slot) => {
                  const selected = sameSlot(value, slot);
                  const time = format.time(slot.start, timeZone);
                  return (
                    <Button
                      key={`${slot.resource_id}-${slot.start}`}
                      type="button"
                      size="sm"
                      variant={selected ? "default" : "outline"}
                      aria-pressed={selected}
                      aria-label={t("choose", { time, resource: slot.resource_name })}
                      className="tabular-nums hover:translate-y-0"
                      onClick={() => onChange(slot)}
                      data-testid="slot-option"
                    >
                      {time}
                    </Button>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/** A 409 `slot_taken`: the time is gone; the API's alternatives (up to three) as buttons. */
export function SlotTakenNotice({
  alternatives,
  timeZone,
  onPick,
}: {
  alternatives: readonly Slot[];
  timeZone: string;
  onPick: (slot: Slot) => void;
}) {
  const t = useTranslations("appointments.slots");
  const format = useZonedFormat();
  return (
    <Notice tone="warning" icon={TriangleAlert} role="alert" testId="slot-taken">
      <div className="min-w-0 flex-1 space-y-2">
        <p className="font-medium">{t("taken")}</p>
        {alternatives.length === 0 ? (
          <p className="text-muted-foreground">{t("noAlternatives")}</p>
        ) : (
          <>
            <p className="text-muted-foreground">{t("alternatives")}</p>
            <div className="flex flex-wrap gap-2">
              {alternatives.map((slot) => (
                <Button
                  key={`${slot.resource_id}-${slot.start}`}
                  type="button"
                  variant="outline"
                  size="sm"
                  onClick={() => onPick(slot)}
                  data-testid="slot-alternative"
                >
                  {format.day(zonedDay(new Date(slot.start), timeZone), { weekday: "short", day: "numeric", month: "short" })}{" "}
                  {format.time(slot.start, timeZone)} · {slot.resource_name}
                </Button>
              ))}
            </div>
          </>
        )}
      </div>
    </Notice>
  );
}
