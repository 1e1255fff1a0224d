"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import { AlertCircle, ArrowLeft, Check, CheckCheck, Clock, Loader2, MessagesSquare, Send, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { LinkedAppointments } from "@/components/appointments/linked-appointments";
import { maskUserId, SourceBadge, StatusBadge } from "@/components/conversations/conversation-badges";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { FormAlert } from "@/components/shared/form-alert";
import { WhatsAppWindow } from "@/components/conversations/whatsapp-window";
import { useErrorMessage } from "@/components/shared/use-error-message";
import {
  useConversation,
  useDeleteConversation,
  useHandoff,
  useMessages,
  useSendOperatorMessage,
} from "@/lib/api/hooks/conversations";
import type { Conversation, Message } from "@/lib/api/types";
import { cn } from "@/lib/utils";

function DeliveryTicks({ message }: { message: Message }) {
  const t = useTranslations("conversations.delivery");
  if (!message.delivery_status) return null;
  const status = message.delivery_status;
  const Icon = status === "pending" ? Clock : status === "sent" ? Check : status === "failed" ? AlertCircle : CheckCheck;
  const label = status === "failed" && message.delivery_error ? `${t("failed")}: ${message.delivery_error.title}` : t(status);
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        {/* A failure shows in the bubble's own text colour (its own icon tells it apart): red would vanish on the bubble. */}
        <span className={cn("inline-flex", status === "read" && "text-sky-300")}>
          <Icon className="size-3.5" role="img" aria-label={label} />
        </span>
      </TooltipTrigger>
      <TooltipContent>{label}</TooltipContent>
    </Tooltip>
  );
}

function Bubble({ message }: { message: Message }) {
  const t = useTranslations("conversations.sender");
  const types = useTranslations("conversations.messageType");
  const format = useFormatter();
  if (message.sender === "system") {
    return <p className="mx-auto max-w-md rounded-full bg-muted px-3 py-1 text-center text-xs text-muted-foreground">{message.content}</p>;
  }
  const mine = message.sender !== "user";
  return (
    <div className={cn("flex flex-col gap-1", mine ? "items-end" : "items-start")} data-testid={`message-${message.sender}`}>
      <span className="px-1 text-xs text-muted-foreground">{t(message.sender)}</span>
      <div
        className={cn(
          "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm whitespace-pre-wrap break-words shadow-xs sm:max-w-[70%]",
          message.sender === "user" && "rounded-bl-sm bg-muted",
          message.sender === "bot" && "rounded-br-sm bg-primary text-primary-foreground",
          message.sender === "operator" && "rounded-br-sm bg-emerald-700 text-white",
        )}
      >
        {message.message_type !== "text" && <span className="mb-1 block text-xs opacity-90">[{types(message.message_type)}]</span>}
        {message.media && <MediaPreview message={message} />}
        {message.content}
        {message.choices && message.choices.length > 0 && (
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t("choices")} data-testid="message-choices">
            {message.choices.map((choice) => (
              <li key={choice} className="rounded-full border border-current/40 px-2.5 py-0.5 text-xs">
                {choice}
              </li>
            ))}
          </ul>
        )}
        {/* Dimmed no further than 90 %: the time keeps 4.5:1 on the bubble's colour. */}
        <span className="mt-1 flex items-center justify-end gap-1 text-[11px] opacity-90">
          {format.dateTime(new Date(message.created_at), { hour: "2-digit", minute: "2-digit" })}
          <DeliveryTicks message={message} />
        </span>
      </div>
    </div>
  );
}

/** An image, voice note, video or document a customer sent (links expire; the list refetches). */
function MediaPreview({ message }: { message: Message }) {
  const t = useTranslations("conversations.media");
  const media = message.media;
  if (!media) return null;
  if (media.status !== "stored" || !media.url) {
    return (
      <span className="mb-1 block text-xs italic opacity-90" data-testid="media-unavailable">
        {t("unavailable")}
      </span>
    );
  }
  const mime = media.mime_type ?? "";
  if (mime.startsWith("image/")) {
    // eslint-disable-next-line @next/next/no-img-element -- a presigned link to private storage, not a static asset
    return <img src={media.url} alt={t("image")} className="mb-1 max-h-64 rounded-lg" data-testid="media-image" />;
  }
  if (mime.startsWith("audio/")) return <audio controls src={media.url} className="mb-1 max-w-full" data-testid="media-audio" />;
  if (mime.startsWith("video/")) return <video controls src={media.url} className="mb-1 max-h-64 rounded-lg" data-testid="media-video" />;
  return (
    <a href={media.url} target="_blank" rel="noreferrer noopener" className="mb-1 block underline" data-testid="media-document">
      {t("download")}
      {media.size ? ` (${Math.ceil(media.size / 1024)} KB)` : ""}
    </a>
  );
}

function MetaPanel({ conversation }: { conversation: Conversation }) {
  const t = useTranslations("conversations.meta");
  const format = useFormatter();
  const extra = Object.entries(conversation.metadata ?? {}).filter(([, v]) => typeof v === "string" || typeof v === "number");
  const rows: [string, React.ReactNode][] = [
    [t("source"), <SourceBadge key="s" source={conversation.source} />],
    [t("status"), <StatusBadge key="st" status={conversation.status} />],
    [t("user"), <span key="u" className="font-mono text-xs">{maskUserId(conversation.external_user_id)}</span>],
    [t("messages"), conversation.message_count],
    [t("started"), format.dateTime(new Date(conversation.created_at), { dateStyle: "medium", timeStyle: "short" })],
    [
      t("lead"),
      conversation.has_lead ? (
        <Link key="l" href="/dashboard/leads" className="text-primary hover:underline">
          {t("leadYes")}
        </Link>
      ) : (
        t("leadNo")
      ),
    ],
    ...extra.map(([key, value]): [string, React.ReactNode] => [key, String(value)]),
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2.5 text-sm" data-testid="conversation-meta">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 justify-self-end truncate text-right">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

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
  const messages = useMessages(conversationId);
  const send = useSendOperatorMessage(conversationId ?? "none");
  const handoff = useHandoff(conversationId ?? "none");
  const remove = useDeleteConversation(conversation.data?.bot_id ?? "none");
  const [draft, setDraft] = useState("");
  const [sendError, setSendError] = useState<string | undefined>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const endRef = useRef<HTMLDivElement>(null);
  const count = messages.data?.length ?? 0;

  useEffect(() => {
    endRef.current?.scrollIntoView({ block: "end" });
  }, [count]);

  if (!conversationId) {
    return (
      <Card className="h-full min-h-96 justify-center">
        <EmptyState icon={MessagesSquare} title={t("pick")} className="border-0 bg-transparent" />
      </Card>
    );
  }
  if (conversation.isError) return <ErrorState error={conversation.error} onRetry={() => conversation.refetch()} />;
  if (!conversation.data) return <Skeleton className="h-[560px] w-full rounded-2xl" />;
  const data = conversation.data;
  const paused = data.status === "handed_off";

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const content = draft.trim();
    if (!content) return;
    setSendError(undefined);
    send.mutate(content, {
      onSuccess: () => setDraft(""),
      onError: (error) => setSendError(message(error)),
    });
  }

  return (
    <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,1fr)_280px]">
      <Card className="gap-0 overflow-hidden py-0">
        <div className="flex items-center gap-3 border-b px-4 py-3">
          <Button variant="ghost" size="icon" className="lg:hidden" onClick={onBack} aria-label={t("back")}>
            <ArrowLeft />
          </Button>
          <div className="min-w-0 flex-1">
            <p className="truncate font-medium">{data.contact_name ?? maskUserId(data.external_user_id)}</p>
            <p className="text-xs text-muted-foreground">{paused ? t("pausedHint") : t("botActiveHint")}</p>
          </div>
          <label className="flex shrink-0 items-center gap-2 text-sm">
            <span>{t("pauseBot")}</span>
            <Switch
              checked={paused}
              disabled={handoff.isPending || data.status === "closed"}
              onCheckedChange={(active) =>
                handoff.mutate(active, {
                  onSuccess: () => toast.success(active ? t("paused") : t("resumed")),
                  onError: (error) => toast.error(message(error)),
                })
              }
              aria-label={t("pauseBot")}
              data-testid="handoff-toggle"
            />
          </label>
        </div>

        {data.source === "whatsapp" && <WhatsAppWindow conversation={data} />}
        {/* A scroll region of its own: focusable, so the keyboard can scroll it, and named. */}
        <div
          role="log"
          aria-label={t("messagesLabel")}
          tabIndex={0}
          className="h-[55vh] min-h-80 space-y-4 overflow-y-auto bg-muted/20 p-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset"
          data-testid="message-list"
        >
          {messages.isError ? (
            <ErrorState error={messages.error} onRetry={() => messages.refetch()} />
          ) : !messages.data ? (
            Array.from({ length: 4 }, (_, i) => <Skeleton key={i} className={cn("h-12 w-2/3", i % 2 && "ml-auto")} />)
          ) : messages.data.length === 0 ? (
            <p className="pt-10 text-center text-sm text-muted-foreground">{t("noMessages")}</p>
          ) : (
            messages.data.map((m) => <Bubble key={m.id} message={m} />)
          )}
          <div ref={endRef} />
        </div>

        <form onSubmit={submit} className="space-y-2 border-t p-3" data-testid="operator-reply">
          <FormAlert message={sendError} />
          <div className="flex items-end gap-2">
            <Textarea
              rows={2}
              maxLength={4000}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Enter" && !event.shiftKey) submit(event);
              }}
              placeholder={t("replyPlaceholder")}
              aria-label={t("replyPlaceholder")}
              className="min-h-12 resize-none"
            />
            <Button type="submit" size="icon" className="size-12" disabled={send.isPending || !draft.trim()} aria-label={t("send")}>
              {send.isPending ? <Loader2 className="animate-spin" /> : <Send />}
            </Button>
          </div>
          {!paused && <p className="text-xs text-muted-foreground">{t("replyHint")}</p>}
        </form>
      </Card>

      <Card className="h-fit">
        <CardHeader>
          <CardTitle className="text-base">{t("meta.title")}</CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <MetaPanel conversation={data} />
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
