"use client";

import { useState } from "react";
import { MessagesSquare, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { LinkedAppointments } from "@/components/appointments/linked-appointments";
import { ConversationHeading } from "@/components/conversations/conversation-heading";
import { ConversationMeta } from "@/components/conversations/conversation-meta";
import { HandoffToggle } from "@/components/conversations/handoff-toggle";
import { MessageList } from "@/components/conversations/message-list";
import { ReplyBox } from "@/components/conversations/reply-box";
import { useReadWhileOpen } from "@/components/conversations/use-read-while-open";
import { WhatsAppWindow } from "@/components/conversations/whatsapp-window";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useConversation, useDeleteConversation } from "@/lib/api/hooks/conversations";

/** "Choose a conversation", where the open one would be. */
export function NoConversation({ className }: { className?: string }) {
  const t = useTranslations("conversations");
  return <EmptyState icon={MessagesSquare} title={t("pick")} className={className} />;
}

/** One bot's conversation: the thread and reply box, and its details (with delete) beside it. */
export function ConversationDetail({
  conversationId,
  onBack,
  onDeleted,
}: {
  conversationId: string | null;
  onBack: () => void;
  onDeleted: () => void;
}) {
  const t = useTranslations("conversations");
  const message = useErrorMessage();
  const conversation = useConversation(conversationId);
  const remove = useDeleteConversation(conversation.data?.bot_id ?? "none");
  const [confirmDelete, setConfirmDelete] = useState(false);
  useReadWhileOpen(conversation.data);

  if (!conversationId) {
    return (
      <Card className="h-full min-h-96 justify-center">
        <NoConversation className="border-0 bg-transparent" />
      </Card>
    );
  }
  if (conversation.isError) return <ErrorState error={conversation.error} onRetry={() => conversation.refetch()} />;
  if (!conversation.data) return <Skeleton className="h-[560px] w-full rounded-2xl" />;
  const data = conversation.data;

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_280px]">
      <Card className="gap-0 overflow-hidden py-0">
        <div className="flex items-center gap-3 border-b px-4 py-3">
          <ConversationHeading conversation={data} onBack={onBack} />
          <HandoffToggle conversation={data} />
        </div>
        {data.source === "whatsapp" && <WhatsAppWindow conversation={data} />}
        <MessageList conversationId={data.id} className="h-[55vh] min-h-80" />
        <ReplyBox conversation={data} />
      </Card>

      <Card className="h-fit">
        <CardHeader>
          <CardTitle className="text-base">{t("meta.title")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <ConversationMeta conversation={data} />
          <LinkedAppointments conversationId={data.id} className="border-t pt-4" />
          <Button variant="outline" className="w-full text-destructive hover:text-destructive" onClick={() => setConfirmDelete(true)}>
            <Trash2 /> {t("delete")}
          </Button>
        </CardContent>
      </Card>

      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t("deleteTitle")}
        description={t("deleteBody")}
        confirmLabel={t("delete")}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(data.id, {
            onSuccess: () => {
              setConfirmDelete(false);
              toast.success(t("deleted"));
              onDeleted();
            },
            onError: (error) => toast.error(message(error)),
          })
        }
      />
    </div>
  );
}
