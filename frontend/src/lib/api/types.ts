/**
 * Names for the API's schemas, all taken from the generated OpenAPI types
 * (schema.d.ts, `npm run gen:api`): nothing here is written by hand.
 */
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type Tenant = Schemas["Tenant"];
export type Role = Schemas["Role"];
export type Team = Schemas["Team"];
export type TeamMember = Schemas["Team"]["members"][number];
export type Invitation = Schemas["Invitation"];
export type InvitationInput = Schemas["InvitationInput"];
/** The roles a member can be given by an admin (the owner's is handed over instead). */
export type MemberRole = InvitationInput["role"];
export type Bot = Schemas["Bot"];
export type BotCreate = Schemas["BotCreate"];
export type BotUpdate = Schemas["BotUpdate"];
export type BotLanguage = Schemas["BotLanguage"];
export type WidgetPosition = Schemas["WidgetPosition"];
export type AnswerMode = Schemas["AnswerMode"];
export type TestReply = Schemas["TestReply"];
export type KnowledgeItem = Schemas["KnowledgeItem"];
export type KnowledgeItemInput = Schemas["KnowledgeItemInput"];
export type KnowledgeGap = Schemas["KnowledgeGap"];
export type Conversation = Schemas["Conversation"];
export type ConversationSource = Schemas["ConversationSource"];
export type ConversationStatus = Schemas["ConversationStatus"];
export type Message = Schemas["Message"];
export type DeliveryStatus = Schemas["DeliveryStatus"];
export type InboxView = Schemas["InboxView"];
export type InboxCounts = Schemas["InboxCounts"];
export type Note = Schemas["Note"];
export type SavedReply = Schemas["SavedReply"];
export type SavedReplyInput = Schemas["SavedReplyRequest"];
export type NotificationSettings = Schemas["NotificationSettings"];
export type Lead = Schemas["Lead"];
export type LeadStatus = Schemas["LeadStatus"];
export type LeadSource = Schemas["LeadSource"];
export type Stats = Schemas["Stats"];
export type Figures = Schemas["Figures"];
export type Timings = Schemas["Timings"];
export type StatsReport = Schemas["StatsReport"];
export type WhatsAppIntegration = Schemas["WhatsAppIntegration"];
export type WhatsAppIntegrationInput = Schemas["WhatsAppIntegrationInput"];
export type WhatsAppTestResult = Schemas["WhatsAppTestResult"];
export type WhatsAppTemplate = Schemas["WhatsAppTemplate"];
export type Calendar = Schemas["Calendar"];
export type CalendarInput = Schemas["CalendarInput"];
export type Service = Schemas["Service"];
export type Resource = Schemas["Resource"];
export type WeeklyHours = Schemas["WeeklyHours"];
export type Interval = Schemas["Interval"];
export type Closure = Schemas["Closure"];
export type Slot = Schemas["Slot"];
export type SlotList = Schemas["SlotList"];
export type Appointment = Schemas["Appointment"];
export type AppointmentStatus = Schemas["AppointmentStatus"];
export type AppointmentSource = Schemas["AppointmentSource"];
export type AppointmentCustomer = Schemas["AppointmentCustomer"];
export type AppointmentCreate = Schemas["AppointmentCreate"];
export type AppointmentUpdate = Schemas["AppointmentUpdate"];
export type ContactRequest = Schemas["ContactRequest"];
export type PrivacyAuditLine = Schemas["PrivacyAuditLine"];
export type PrivacySettings = Schemas["PrivacySettings"];

/** A page of a cursor-paginated list. */
export type Paged<T> = { items: T[]; next_cursor: string | null };
