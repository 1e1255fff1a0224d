"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import { asPage } from "@/lib/api/hooks/pages";
import { isApiError } from "@/lib/api/problem";
import type { Appointment, AppointmentCreate, AppointmentUpdate, CalendarInput, Slot } from "@/lib/api/types";

/** The bot's booking calendar (an empty one, version 0, for a bot never set up). */
export function useCalendar(botId: string | null) {
  return useQuery({
    queryKey: queryKeys.calendar(botId ?? "none"),
    enabled: botId !== null,
    queryFn: () => unwrap(api.GET("/bots/{bot_id}/calendar", { params: { path: { bot_id: botId! } } })),
  });
}

/** PUT replaces the whole calendar; a 409 `version_conflict` means someone saved since it was read. */
export function useSaveCalendar(botId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarInput) => unwrap(api.PUT("/bots/{bot_id}/calendar", { params: { path: { bot_id: botId } }, body })),
    onSuccess: (calendar) => {
      client.setQueryData(queryKeys.calendar(botId), calendar);
      void client.invalidateQueries({ queryKey: queryKeys.slots(botId) });
      void client.invalidateQueries({ queryKey: queryKeys.appointments() });
    },
  });
}

/**
 * `from`/`to` are days (YYYY-MM-DD) in the bot's time zone, both included;
 * `exclude_appointment_id` is an appointment being moved, whose own time counts as free.
 */
export type SlotQuery = { service_id: string; from: string; to: string; resource_id?: string; exclude_appointment_id?: string };

/** Free times, always read fresh (they change with every booking). */
export function useSlots(botId: string, query: SlotQuery | null) {
  return useQuery({
    queryKey: queryKeys.slots(botId, query ?? {}),
    enabled: query !== null,
    staleTime: 0,
    queryFn: () => unwrap(api.GET("/bots/{bot_id}/slots", { params: { path: { bot_id: botId }, query: query! } })),
  });
}

/** `from`/`to` are RFC 3339 instants: appointments starting in [from, to). */
export type AppointmentFilters = { from: string; to: string; bot_id?: string; resource_id?: string };

/** How often the calendar is re-read (the bots book around the clock). */
const appointmentsPollMs = 60_000;

/** Every appointment of a range (all pages, earliest first); the previous range stays shown while the next loads. */
export function useAppointments(filters: AppointmentFilters | null) {
  return useQuery({
    queryKey: queryKeys.appointments(filters ?? {}),
    enabled: filters !== null,
    placeholderData: keepPreviousData,
    refetchInterval: appointmentsPollMs,
    queryFn: async () => {
      const items: Appointment[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 50; i += 1) {
        const page = asPage<Appointment>(
          await unwrap(api.GET("/appointments", { params: { query: { ...filters!, limit: 100, cursor } } })),
        );
        items.push(...page.items);
        if (!page.next_cursor) break;
        cursor = page.next_cursor;
      }
      return items;
    },
  });
}

/** One appointment (a link to /dashboard/appointments?appointment=…). */
export function useAppointment(appointmentId: string | null) {
  return useQuery({
    queryKey: queryKeys.appointment(appointmentId ?? "none"),
    enabled: appointmentId !== null,
    retry: false,
    queryFn: () =>
      unwrap(api.GET("/appointments/{appointment_id}", { params: { path: { appointment_id: appointmentId! } } })),
  });
}

/** Every appointment booked for a conversation (every status, earliest first). */
export function useConversationAppointments(conversationId: string | null) {
  return useQuery({
    queryKey: queryKeys.conversationAppointments(conversationId ?? "none"),
    enabled: conversationId !== null,
    refetchInterval: appointmentsPollMs,
    queryFn: async () =>
      (
        await unwrap(
          api.GET("/conversations/{conversation_id}/appointments", { params: { path: { conversation_id: conversationId! } } }),
        )
      ).items,
  });
}

function useRefreshBookings() {
  const client = useQueryClient();
  return (botId: string) => {
    void client.invalidateQueries({ queryKey: queryKeys.appointments() });
    void client.invalidateQueries({ queryKey: queryKeys.slots(botId) });
  };
}

export function useCreateAppointment() {
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: (body: AppointmentCreate) => unwrap(api.POST("/appointments", { body })),
    onSuccess: (appointment) => refresh(appointment.bot_id),
    // A taken time means the free times on screen are out of date.
    onError: (_error, body) => refresh(body.bot_id),
  });
}

/** Status, notes or a move (start and/or resource_id); the changed appointment replaces the cached one. */
export function useUpdateAppointment() {
  const client = useQueryClient();
  const refresh = useRefreshBookings();
  return useMutation({
    mutationFn: ({ id, ...body }: AppointmentUpdate & { id: string }) =>
      unwrap(api.PATCH("/appointments/{appointment_id}", { params: { path: { appointment_id: id } }, body })),
    onSuccess: (appointment) => {
      client.setQueriesData<Appointment[]>({ queryKey: queryKeys.appointments() }, (items) =>
        items?.map((item) => (item.id === appointment.id ? appointment : item)),
      );
      client.setQueryData(queryKeys.appointment(appointment.id), appointment);
      refresh(appointment.bot_id);
    },
  });
}

/** The free times a 409 `slot_taken` offers instead, or null for any other error. */
export function slotAlternatives(error: unknown): Slot[] | null {
  if (!isApiError(error) || error.code !== "slot_taken") return null;
  const alternatives = error.extensions.alternatives;
  return Array.isArray(alternatives) ? (alternatives as Slot[]) : [];
}
