/**
 * Rules of booking and changing appointments, as docs/openapi.yaml states them. Pure
 * functions (type imports only), tested in test/appointments-booking.test.mjs.
 */
import type { AppointmentStatus, Slot } from "@/lib/api/types";

export const appointmentStatuses: readonly AppointmentStatus[] = ["booked", "completed", "no_show", "cancelled"];

/**
 * What may be done to an appointment in a status (PATCH /appointments/{id}): booked → cancelled,
 * completed or no_show; completed ↔ no_show; a cancelled one stays cancelled; only a booked one
 * moves. Notes can always be edited except on a cancelled appointment.
 */
export function allowedActions(status: AppointmentStatus) {
  return {
    complete: status === "booked" || status === "no_show",
    noShow: status === "booked" || status === "completed",
    cancel: status === "booked",
    move: status === "booked",
    notes: status !== "cancelled",
  };
}

/** The API's phone form (E.164). */
export const e164Pattern = /^\+[1-9][0-9]{6,14}$/;

/**
 * A phone number as typed ("+90 532 123 45 67", "0090 (532) 123-4567") in E.164 form:
 * spaces, dashes, dots and brackets go, a leading 00 becomes +. Anything else is left as
 * typed for the validation to name.
 */
export function normalizePhone(input: string): string {
  const compact = input.trim().replace(/[\s().-]/g, "");
  return compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
}

export type SlotGroup = { resource_id: string; resource_name: string; slots: Slot[] };

/** Free times per resource, resources in the order they first appear (the API sorts by time). */
export function groupSlotsByResource(slots: readonly Slot[]): SlotGroup[] {
  const groups = new Map<string, SlotGroup>();
  for (const slot of slots) {
    let group = groups.get(slot.resource_id);
    if (!group) {
      group = { resource_id: slot.resource_id, resource_name: slot.resource_name, slots: [] };
      groups.set(slot.resource_id, group);
    }
    group.slots.push(slot);
  }
  return [...groups.values()];
}

/** Whether two slots are the same time with the same resource. */
export function sameSlot(a: Pick<Slot, "start" | "resource_id"> | null | undefined, b: Pick<Slot, "start" | "resource_id"> | null | undefined) {
  return Boolean(a && b && a.resource_id === b.resource_id && new Date(a.start).getTime() === new Date(b.start).getTime());
}

/**
 * The booking form's field for an API field of POST /appointments or PATCH (`customer.phone`
 * → `phone`; `start` and `resource_id` → the chosen slot).
 */
export function bookingFieldFor(apiField: string): "service_id" | "slot" | "name" | "phone" | "email" | "notes" | undefined {
  if (apiField === "service_id") return "service_id";
  if (apiField === "start" || apiField === "resource_id" || apiField === "outside_hours") return "slot";
  if (apiField === "customer" || apiField === "customer.name") return "name";
  if (apiField === "customer.phone") return "phone";
  if (apiField === "customer.email") return "email";
  if (apiField === "notes") return "notes";
  return undefined;
}
