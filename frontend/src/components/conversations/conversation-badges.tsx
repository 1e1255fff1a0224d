"use client";

import { Globe, MessageCircle } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { Conversation, ConversationSource, ConversationStatus } from "@/lib/api/types";
import { formatPhone } from "@/lib/phone";

/** Shows the end of an external user id only (the widget's random visitor ids). */
export function maskUserId(id: string): string {
  if (id.length <= 4) return "••••";
  return `•••• ${id.slice(-4)}`;
}

/**
 * The customer's id as the team sees it: a WhatsApp customer's whole number (to call them
 * back), a widget visitor's random id shortened.
 */
export function customerId(conversation: Pick<Conversation, "source" | "external_user_id">): string {
  return conversation.source === "whatsapp" ? formatPhone(conversation.external_user_id) : maskUserId(conversation.external_user_id);
}

/** The name a conversation goes by: the contact's name when known, else the customer's id. */
export function customerLabel(conversation: Pick<Conversation, "source" | "external_user_id" | "contact_name">): string {
  return conversation.contact_name || customerId(conversation);
}

export function SourceBadge({ source }: { source: ConversationSource }) {
  const t = useTranslations("conversations.source");
  const Icon = source === "whatsapp" ? MessageCircle : Globe;
  return (
    <Badge variant={source === "whatsapp" ? "success" : "secondary"}>
      <Icon aria-hidden />
      {t(source)}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: ConversationStatus }) {
  const t = useTranslations("conversations.status");
  const variant = status === "handed_off" ? "warning" : status === "closed" ? "outline" : "default";
  return <Badge variant={variant}>{t(status)}</Badge>;
}
