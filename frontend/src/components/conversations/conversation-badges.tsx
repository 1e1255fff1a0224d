"use client";

import { Globe, MessageCircle } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import type { ConversationSource, ConversationStatus } from "@/lib/api/types";

/** Shows the end of an external user id only (phone numbers, visitor ids). */
export function maskUserId(id: string): string {
  if (id.length <= 4) return "••••";
  return `•••• ${id.slice(-4)}`;
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
