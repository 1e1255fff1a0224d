"use client";

import { ArrowLeft, CircleCheck, PanelRight, RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ConversationHeading } from "@/components/conversations/conversation-heading";
import { HandoffToggle } from "@/components/conversations/handoff-toggle";
import { MessageList } from "@/components/conversations/message-list";
import { ReplyBox } from "@/components/conversations/reply-box";
import { useReadWhileOpen } from "@/components/conversations/use-read-while-open";
import { WhatsAppWindow } from "@/components/conversations/whatsapp-window";
import { AssignControl } from "@/components/inbox/assign-control";
import { ErrorState } from "@/components/shared/error-state";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useConversation } from "@/lib/api/hooks/conversations";
import { useResolve } from "@/lib/api/hooks/inbox";
import type { Conversation } from "@/lib/api/types";
import { cn } from "@/lib/utils";

/** Resolve an open conversation, reopen a resolved one. */
function ResolveButton({ conversation }: { conversation: Conversation }) {
  const t = useTranslations("inbox.resolve");
  const message = useErrorMessage();
  const resolve = useResolve(conversation.id);
  const resolved = conversation.status === "closed";
  return (
    <Button
      size="sm"
      variant={resolved ? "outline" : "default"}
      disabled={resolve.isPending}
      onClick={() =>
        resolve.mutate(!resolved, {
          onSuccess: () => toast.success(resolved ? t("reopened") : t("resolved")),
          onError: (error) => toast.error(message(error)),
        })
      }
      data-testid={resolved ? "reopen-conversation" : "resolve-conversation"}
    >
      {resolved ? <RotateCcw /> : <CircleCheck />}
      {resolved ? t("reopen") : t("resolve")}
    </Button>
  );
}

/** The header: who the customer is, then assignment, resolve/reopen and the bot's pause. */
function ThreadHeader({
  conversation,
  onBack,
  onDetails,
}: {
  conversation: Conversation;
  onBack: () => void;
  onDetails: () => void;
}) {
  const t = useTranslations("inbox");
  return (
    <div className="space-y-2 border-b px-3 py-2.5">
      <div className="flex items-center gap-2">
        <ConversationHeading conversation={conversation} onBack={onBack} />
        <Button variant="ghost" size="icon" className="xl:hidden" onClick={onDetails} aria-label={t("showDetails")} data-testid="show-details">
          <PanelRight />
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
        <AssignControl conversation={conversation} />
        <ResolveButton conversation={conversation} />
        <HandoffToggle conversation={conversation} />
      </div>
    </div>
  );
}

/** The inbox's middle pane: the open conversation's header, messages and reply box. */
export function InboxThread({
  conversationId,
  onBack,
  onDetails,
  className,
}: {
  conversationId: string;
  onBack: () => void;
  onDetails: () => void;
  className?: string;
}) {
  const t = useTranslations("inbox");
  const conversation = useConversation(conversationId);
  useReadWhileOpen(conversation.data);
  const data = conversation.data;
  return (
    <section
      aria-label={t("threadLabel")}
      className={cn("min-h-0 flex-col overflow-hidden rounded-2xl border bg-card", className)}
      data-testid="conversation-thread"
      data-conversation-id={conversationId}
    >
      {conversation.isError || !data ? (
        <div className="space-y-3 p-3">
          <Button variant="ghost" size="sm" className="lg:hidden" onClick={onBack}>
            <ArrowLeft /> {t("backToList")}
          </Button>
          {conversation.isError ? (
            <ErrorState error={conversation.error} onRetry={() => conversation.refetch()} />
          ) : (
            <div className="space-y-3" aria-busy="true">
              <Skeleton className="h-10 w-1/2" />
              <Skeleton className="h-64 w-full" />
            </div>
          )}
        </div>
      ) : (
        <>
          <ThreadHeader conversation={data} onBack={onBack} onDetails={onDetails} />
          {data.source === "whatsapp" && <WhatsAppWindow conversation={data} />}
          <MessageList conversationId={data.id} className="min-h-40 flex-1" />
          <ReplyBox key={data.id} conversation={data} />
        </>
      )}
    </section>
  );
}
