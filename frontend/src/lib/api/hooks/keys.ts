/** Query keys, one factory so invalidations and optimistic updates agree. */
export const queryKeys = {
  me: ["me"] as const,
  stats: ["stats"] as const,
  /** Under `stats`, so what refreshes the counters (a bot created or deleted) refreshes the report too. */
  statsReport: (params: object) => ["stats", "report", params] as const,
  bots: ["bots"] as const,
  bot: (botId: string) => ["bots", botId] as const,
  knowledge: (botId: string) => ["bots", botId, "knowledge"] as const,
  gaps: (botId: string) => ["bots", botId, "gaps"] as const,
  conversations: (botId: string, filters?: object) =>
    filters ? (["bots", botId, "conversations", filters] as const) : (["bots", botId, "conversations"] as const),
  /** Every conversation's own queries (the conversation, its messages, its notes). */
  allConversations: ["conversations"] as const,
  conversation: (conversationId: string) => ["conversations", conversationId] as const,
  messages: (conversationId: string) => ["conversations", conversationId, "messages"] as const,
  notes: (conversationId: string) => ["conversations", conversationId, "notes"] as const,
  /** The contact's other conversations and leads: under the conversation, so what reads it again reads them too. */
  related: (conversationId: string) => ["conversations", conversationId, "related"] as const,
  /** The team inbox's lists, one per view and filters (`inboxLists()` for all of them). */
  inboxLists: (filters?: object) => (filters ? (["inbox", "list", filters] as const) : (["inbox", "list"] as const)),
  /** The change marker and view counts, per tenant (a marker means nothing in another tenant). */
  inboxSummary: (tenantId?: string | null) =>
    tenantId === undefined ? (["inbox", "summary"] as const) : (["inbox", "summary", tenantId] as const),
  savedReplies: ["saved-replies"] as const,
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
  /** The caller's e-mail notifications and the business's wait time (the current tenant's). */
  notifications: ["notifications"] as const,
  /** The current tenant's privacy log (erasures of contacts' data). */
  privacyAudit: ["privacy-audit"] as const,
  /** How long the current tenant keeps conversations. */
  privacySettings: ["privacy-settings"] as const,
};
