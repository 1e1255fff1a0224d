/**
 * Names for the API's schemas, all taken from the generated OpenAPI types
 * (schema.d.ts, `npm run gen:api`): nothing here is written by hand.
 */
import type { components } from "./schema";

type Schemas = components["schemas"];

export type User = Schemas["User"];
export type Tenant = Schemas["Tenant"];
export type Role = Schemas["Role"];
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
export type Lead = Schemas["Lead"];
export type LeadStatus = Schemas["LeadStatus"];
export type LeadSource = Schemas["LeadSource"];
export type Stats = Schemas["Stats"];
export type WhatsAppIntegration = Schemas["WhatsAppIntegration"];
export type WhatsAppIntegrationInput = Schemas["WhatsAppIntegrationInput"];
export type WhatsAppTestResult = Schemas["WhatsAppTestResult"];
export type WhatsAppTemplate = Schemas["WhatsAppTemplate"];

/** A page of a cursor-paginated list. */
export type Paged<T> = { items: T[]; next_cursor: string | null };
