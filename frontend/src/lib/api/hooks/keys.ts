/** Query keys, one factory so invalidations and optimistic updates agree. */
export const queryKeys = {
  me: ["me"] as const,
  stats: ["stats"] as const,
  bots: ["bots"] as const,
  bot: (botId: string) => ["bots", botId] as const,
  knowledge: (botId: string) => ["bots", botId, "knowledge"] as const,
  gaps: (botId: string) => ["bots", botId, "gaps"] as const,
  conversations: (botId: string, filters?: object) =>
    filters ? (["bots", botId, "conversations", filters] as const) : (["bots", botId, "conversations"] as const),
  conversation: (conversationId: string) => ["conversations", conversationId] as const,
  messages: (conversationId: string) => ["conversations", conversationId, "messages"] as const,
  leads: (filters?: object) => (filters ? (["leads", filters] as const) : (["leads"] as const)),
  whatsapp: (botId: string) => ["bots", botId, "whatsapp"] as const,
  calendar: (botId: string) => ["bots", botId, "calendar"] as const,
  slots: (botId: string, query?: object) =>
    query ? (["bots", botId, "slots", query] as const) : (["bots", botId, "slots"] as const),
  appointments: (filters?: object) => (filters ? (["appointments", filters] as const) : (["appointments"] as const)),
  /** Under `appointments`, so a booking change refreshes it too (its data is an Appointment[] like the ranges'). */
  conversationAppointments: (conversationId: string) => ["appointments", "conversation", conversationId] as const,
  appointment: (appointmentId: string) => ["appointment", appointmentId] as const,
  calendarFeed: ["calendar-feed"] as const,
  /** The current tenant's members and pending invitations. */
  team: ["team"] as const,
};
