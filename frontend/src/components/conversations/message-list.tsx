"use client";

import { useEffect, useRef } from "react";
import { AlertCircle, Check, CheckCheck, Clock } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Skeleton } from "@/components/ui/skeleton";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { ErrorState } from "@/components/shared/error-state";
import { useMessages } from "@/lib/api/hooks/conversations";
import type { Message } from "@/lib/api/types";
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

/** A conversation's messages, oldest first, kept scrolled to the newest; `className` sizes the scroll region. */
export function MessageList({ conversationId, className }: { conversationId: string; className?: string }) {
  const t = useTranslations("conversations");
  const messages = useMessages(conversationId);
  const listRef = useRef<HTMLDivElement>(null);
  const count = messages.data?.length ?? 0;

  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [count]);

  return (
    // A scroll region of its own: focusable, so the keyboard can scroll it, and named.
    <div
      ref={listRef}
      role="log"
      aria-label={t("messagesLabel")}
      tabIndex={0}
      className={cn(
        "space-y-4 overflow-y-auto bg-muted/20 p-4 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 focus-visible:ring-inset",
        className,
      )}
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
    </div>
  );
}
