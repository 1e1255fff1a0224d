"use client";

import { ArrowLeft } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { customerId, customerLabel } from "@/components/conversations/conversation-badges";
import type { Conversation } from "@/lib/api/types";

/**
 * The top of an open conversation: back to the list (below `lg`, where the list is hidden),
 * the customer's name (and number when a name is known) and who answers, the bot or the team.
 */
export function ConversationHeading({ conversation, onBack }: { conversation: Conversation; onBack: () => void }) {
  const t = useTranslations("conversations");
  const name = customerLabel(conversation);
  const id = customerId(conversation);
  const hint =
    conversation.status === "handed_off" ? t("pausedHint") : conversation.status === "closed" ? t("resolvedHint") : t("botActiveHint");
  return (
    <>
      <Button variant="ghost" size="icon" className="lg:hidden" onClick={onBack} aria-label={t("back")}>
        <ArrowLeft />
      </Button>
      <div className="min-w-0 flex-1">
        <h2 className="truncate font-medium">{name}</h2>
        <p className="text-xs break-words text-muted-foreground">
          {name !== id && `${id} · `}
          {hint}
        </p>
      </div>
    </>
  );
}
