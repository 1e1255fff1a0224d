"use client";

import { useId } from "react";
import Link from "next/link";
import { ArrowLeft } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { LinkedAppointments } from "@/components/appointments/linked-appointments";
import { ConversationMeta, type MetaRow } from "@/components/conversations/conversation-meta";
import { ConversationNotes } from "@/components/inbox/conversation-notes";
import { RelatedContact } from "@/components/inbox/related-contact";
import { useMembers } from "@/components/shared/use-members";
import { useBots } from "@/lib/api/hooks/bots";
import { useConversation } from "@/lib/api/hooks/conversations";
import type { Conversation } from "@/lib/api/types";
import { cn } from "@/lib/utils";

/** The inbox's own rows: the contact's name, the bot (a link to it) and who answers. */
function useInboxRows(conversation: Conversation): MetaRow[] {
  const t = useTranslations("inbox.details");
  const bots = useBots();
  const { nameById } = useMembers();
  const bot = bots.data?.find((b) => b.id === conversation.bot_id);
  const rows: MetaRow[] = [
    [
      t("bot"),
      <Link key="b" href={`/dashboard/bots/${conversation.bot_id}`} className="text-primary hover:underline">
        {bot?.name ?? t("botFallback")}
      </Link>,
    ],
    [t("assignee"), conversation.assignee_id ? (nameById(conversation.assignee_id) ?? t("someoneElse")) : t("nobody")],
  ];
  return conversation.contact_name ? [[t("contact"), conversation.contact_name], ...rows] : rows;
}

function Details({ conversation }: { conversation: Conversation }) {
  const rows = useInboxRows(conversation);
  return (
    <>
      <ConversationMeta conversation={conversation} rows={rows} />
      <RelatedContact conversationId={conversation.id} className="border-t pt-4" />
      <LinkedAppointments conversationId={conversation.id} className="border-t pt-4" />
      <div className="border-t pt-4">
        <ConversationNotes conversationId={conversation.id} />
      </div>
    </>
  );
}

/**
 * The inbox's right pane: the conversation's details, the contact's other conversations and
 * leads, its appointments and the team's notes.
 */
export function InboxDetails({
  conversationId,
  onBack,
  className,
}: {
  conversationId: string;
  onBack: () => void;
  className?: string;
}) {
  const t = useTranslations("inbox");
  const titleId = useId();
  const conversation = useConversation(conversationId);
  return (
    <section
      aria-labelledby={titleId}
      className={cn("min-h-0 flex-col overflow-hidden rounded-2xl border bg-card", className)}
      data-testid="conversation-details"
    >
      <div className="flex items-center gap-2 border-b px-3 py-2.5">
        <Button variant="ghost" size="icon" className="xl:hidden" onClick={onBack} aria-label={t("backToThread")}>
          <ArrowLeft />
        </Button>
        <h2 id={titleId} className="font-medium">
          {t("details.title")}
        </h2>
      </div>
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto p-4">
        {conversation.data ? (
          <Details conversation={conversation.data} />
        ) : (
          <Skeleton className="h-48 w-full" aria-busy="true" />
        )}
      </div>
    </section>
  );
}
