"use client";

import { useState } from "react";
import Link from "next/link";
import { ArrowRightLeft, Ban, CheckCircle2, Loader2, Lock, MessagesSquare, UserX } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { AppointmentStatusBadge } from "@/components/appointments/appointment-status";
import { SlotPicker, SlotTakenNotice } from "@/components/appointments/slot-picker";
import { useZonedFormat } from "@/components/appointments/use-zoned-format";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { FormAlert } from "@/components/shared/form-alert";
import { Notice } from "@/components/shared/notice";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { slotAlternatives, useUpdateAppointment } from "@/lib/api/hooks/appointments";
import type { Appointment, AppointmentStatus, Slot } from "@/lib/api/types";
import { allowedActions } from "@/lib/appointments/booking";
import { addDays, todayIn, zonedDay, type Day } from "@/lib/appointments/time";
import { conversationHref } from "@/config/dashboard";

type Action = "completed" | "no_show" | "cancelled" | "notes" | "move";

/**
 * One appointment: every field, its notes, and what may be done to it (PATCH): completed,
 * no-show, cancel (confirmed), move to another free time. Actions the API would refuse for the
 * status are disabled. Mounted per appointment (keyed by id).
 */
export function AppointmentDialog({
  appointment,
  maxDaysAhead,
  onOpenChange,
  onChanged,
}: {
  appointment: Appointment;
  /** The calendar's booking window, for the move's day picker. */
  maxDaysAhead: number;
  onOpenChange: (open: boolean) => void;
  onChanged: (appointment: Appointment) => void;
}) {
  const t = useTranslations("appointments");
  const common = useTranslations("common");
  const format = useZonedFormat();
  const message = useErrorMessage();
  const update = useUpdateAppointment();
  const zone = appointment.time_zone;
  const allowed = allowedActions(appointment.status);
  const [pending, setPending] = useState<Action | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const [notes, setNotes] = useState(appointment.notes);
  const [moving, setMoving] = useState(false);
  const when = `${format.dateTime(appointment.start, zone)}–${format.time(appointment.end, zone)}`;

  function change(action: Action, body: { status?: AppointmentStatus; notes?: string }, done: string, after?: () => void) {
    setPending(action);
    update.mutate(
      { id: appointment.id, ...body },
      {
        onSuccess: (updated) => {
          toast.success(done);
          onChanged(updated);
          after?.();
        },
        onError: (error) => toast.error(message(error)),
        onSettled: () => setPending(null),
      },
    );
  }

  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent
        className="sm:max-w-xl"
        closeLabel={common("close")}
        data-testid="appointment-detail"
        // The dialog itself takes the focus: the notes field would open a phone's keyboard.
        onOpenAutoFocus={(event) => {
          event.preventDefault();
          (event.currentTarget as HTMLElement | null)?.focus();
        }}
      >
        {moving ? (
          <MovePanel appointment={appointment} maxDaysAhead={maxDaysAhead} onBack={() => setMoving(false)} onMoved={(moved) => {
            onChanged(moved);
            setMoving(false);
          }} />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle className="pr-6">{appointment.customer.name}</DialogTitle>
              <DialogDescription>
                {appointment.service_name} · {appointment.resource_name}
              </DialogDescription>
            </DialogHeader>
            <AppointmentStatusBadge status={appointment.status} />
            <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
              <dt className="text-muted-foreground">{t("detail.when")}</dt>
              <dd data-testid="appointment-when">{when}</dd>
              <dt className="text-muted-foreground">{t("detail.service")}</dt>
              <dd>{appointment.service_name}</dd>
              <dt className="text-muted-foreground">{t("detail.resource")}</dt>
              <dd>{appointment.resource_name}</dd>
              {appointment.customer.phone && (
                <>
                  <dt className="text-muted-foreground">{t("detail.phone")}</dt>
                  <dd>
                    <a href={`tel:${appointment.customer.phone}`} className="hover:underline">
                      {appointment.customer.phone}
                    </a>
                  </dd>
                </>
              )}
              {appointment.customer.email && (
                <>
                  <dt className="text-muted-foreground">{t("detail.email")}</dt>
                  <dd className="truncate">
                    <a href={`mailto:${appointment.customer.email}`} className="hover:underline">
                      {appointment.customer.email}
                    </a>
                  </dd>
                </>
              )}
              <dt className="text-muted-foreground">{t("detail.source")}</dt>
              <dd>{t(`sources.${appointment.source}`)}</dd>
              <dt className="text-muted-foreground">{t("detail.created")}</dt>
              <dd>{format.dateTime(appointment.created_at, zone)}</dd>
            </dl>
            {appointment.conversation_id && (
              <Button asChild variant="outline" size="sm" className="w-fit">
                <Link href={conversationHref(appointment.conversation_id)}>
                  <MessagesSquare /> {t("detail.openConversation")}
                </Link>
              </Button>
            )}
            <div className="grid gap-2">
              <Label htmlFor="appointment-notes">{t("detail.notes")}</Label>
              <Textarea
                id="appointment-notes"
                rows={3}
                maxLength={2000}
                value={notes}
                disabled={!allowed.notes}
                placeholder={t("detail.notesPlaceholder")}
                onChange={(event) => setNotes(event.target.value)}
              />
              {allowed.notes && notes !== appointment.notes && (
                <Button
                  type="button"
                  variant="secondary"
                  size="sm"
                  className="w-fit"
                  disabled={pending !== null}
                  onClick={() => change("notes", { notes }, t("detail.notesSaved"))}
                >
                  {pending === "notes" && <Loader2 className="animate-spin" />}
                  {t("detail.saveNotes")}
                </Button>
              )}
            </div>
            {appointment.status === "cancelled" && (
              <Notice tone="info" icon={Lock} role="note">
                <span>{t("detail.cancelledHint")}</span>
              </Notice>
            )}
            <div className="grid grid-cols-2 gap-2 sm:flex sm:flex-wrap">
              <Button
                type="button"
                variant="outline"
                disabled={!allowed.complete || pending !== null}
                onClick={() => change("completed", { status: "completed" }, t("detail.markedCompleted"))}
                data-testid="appointment-complete"
              >
                {pending === "completed" ? <Loader2 className="animate-spin" /> : <CheckCircle2 />} {t("detail.complete")}
              </Button>
              <Button
                type="button"
                variant="outline"
                disabled={!allowed.noShow || pending !== null}
                onClick={() => change("no_show", { status: "no_show" }, t("detail.markedNoShow"))}
                data-testid="appointment-no-show"
              >
                {pending === "no_show" ? <Loader2 className="animate-spin" /> : <UserX />} {t("detail.noShow")}
              </Button>
              <Button
                type="button"
                variant="outline"
                disabled={!allowed.move || pending !== null}
                onClick={() => setMoving(true)}
                data-testid="appointment-move"
              >
                <ArrowRightLeft /> {t("detail.move")}
              </Button>
              <Button
                type="button"
                variant="outline"
                className="text-destructive hover:text-destructive sm:ml-auto"
                disabled={!allowed.cancel || pending !== null}
                onClick={() => setConfirmCancel(true)}
                data-testid="appointment-cancel"
              >
                <Ban /> {t("detail.cancel")}
              </Button>
            </div>
          </>
        )}
      </DialogContent>
      <ConfirmDialog
        open={confirmCancel}
        onOpenChange={setConfirmCancel}
        title={t("detail.cancelTitle")}
        description={t("detail.cancelBody", { name: appointment.customer.name, when })}
        confirmLabel={t("detail.cancelConfirm")}
        pending={pending === "cancelled"}
        onConfirm={() =>
          change("cancelled", { status: "cancelled" }, t("detail.cancelled"), () => {
            setConfirmCancel(false);
            onOpenChange(false);
          })
        }
      />
    </Dialog>
  );
}

/**
 * Moving a booked appointment: a day, one of its free times for the same service → PATCH
 * {start, resource_id}. The free times count the appointment's own time as free, so it can
 * move by less than its length or to another resource at the same time.
 */
function MovePanel({
  appointment,
  maxDaysAhead,
  onBack,
  onMoved,
}: {
  appointment: Appointment;
  maxDaysAhead: number;
  onBack: () => void;
  onMoved: (appointment: Appointment) => void;
}) {
  const t = useTranslations("appointments");
  const format = useZonedFormat();
  const message = useErrorMessage();
  const update = useUpdateAppointment();
  const zone = appointment.time_zone;
  const [today] = useState(() => todayIn(zone));
  const [day, setDay] = useState<Day>(() => {
    const current = zonedDay(new Date(appointment.start), zone);
    return current < today ? today : current;
  });
  const [slot, setSlot] = useState<Slot | null>(null);
  const [alternatives, setAlternatives] = useState<Slot[] | null>(null);
  const [problem, setProblem] = useState<string | undefined>();

  function choose(next: Slot) {
    setSlot(next);
    setAlternatives(null);
    setProblem(undefined);
  }

  function submit() {
    if (!slot) return;
    update.mutate(
      { id: appointment.id, start: slot.start, resource_id: slot.resource_id },
      {
        onSuccess: (moved) => {
          toast.success(t("detail.moved"));
          onMoved(moved);
        },
        onError: (error) => {
          const offered = slotAlternatives(error);
          if (offered) {
            setAlternatives(offered);
            setSlot(null);
            return;
          }
          setProblem(message(error));
        },
      },
    );
  }

  return (
    <div className="min-w-0 space-y-4" data-testid="move-panel">
      <DialogHeader>
        <DialogTitle>{t("detail.moveTitle")}</DialogTitle>
        <DialogDescription>{t("detail.moveDescription")}</DialogDescription>
      </DialogHeader>
      <p className="text-sm">
        <span className="font-medium">{appointment.customer.name}</span> · {appointment.service_name} ·{" "}
        <span className="text-muted-foreground">{format.dateTime(appointment.start, zone)}</span>
      </p>
      <FormAlert message={problem} />
      <div className="grid max-w-xs gap-2">
        <Label htmlFor="move-day">{t("slots.day")}</Label>
        <Input
          id="move-day"
          type="date"
          value={day}
          min={today}
          max={addDays(today, maxDaysAhead)}
          onChange={(event) => {
            if (!event.target.value) return;
            setDay(event.target.value);
            setSlot(null);
          }}
        />
      </div>
      {alternatives && (
        <SlotTakenNotice
          alternatives={alternatives}
          timeZone={zone}
          onPick={(next) => {
            setDay(zonedDay(new Date(next.start), zone));
            choose(next);
          }}
        />
      )}
      <SlotPicker
        botId={appointment.bot_id}
        serviceId={appointment.service_id}
        day={day}
        timeZone={zone}
        value={slot}
        onChange={choose}
        onDayChange={(next) => {
          setDay(next);
          setSlot(null);
        }}
        excludeAppointmentId={appointment.id}
      />
      {slot && (
        <p className="text-sm text-muted-foreground">
          {t("slots.selected", { when: format.dateTime(slot.start, zone), resource: slot.resource_name })}
        </p>
      )}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onBack}>
          {t("detail.back")}
        </Button>
        <Button type="button" disabled={!slot || update.isPending} onClick={submit} data-testid="move-submit">
          {update.isPending && <Loader2 className="animate-spin" />}
          {t("detail.moveSubmit")}
        </Button>
      </DialogFooter>
    </div>
  );
}
