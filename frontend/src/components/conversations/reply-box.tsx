"use client";

import { useId, useRef, useState } from "react";
import { Loader2, Send } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { useSavedReplyPicker } from "@/components/conversations/saved-reply-picker";
import { FormAlert } from "@/components/shared/form-alert";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useSendOperatorMessage } from "@/lib/api/hooks/conversations";
import type { Conversation } from "@/lib/api/types";

/** The operator's reply box: Enter sends, Shift+Enter breaks the line, `/` opens the saved replies. */
export function ReplyBox({ conversation }: { conversation: Conversation }) {
  const t = useTranslations("conversations");
  const message = useErrorMessage();
  const send = useSendOperatorMessage(conversation.id);
  const hintId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [draft, setDraft] = useState("");
  const [sendError, setSendError] = useState<string | undefined>();
  const picker = useSavedReplyPicker(draft, (body) => {
    setDraft(body);
    requestAnimationFrame(() => {
      const box = textarea.current;
      box?.focus();
      box?.setSelectionRange(body.length, body.length);
    });
  });

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
    <form onSubmit={submit} className="relative space-y-2 border-t p-3" data-testid="operator-reply">
      {picker.popover}
      <FormAlert message={sendError} />
      <div className="flex items-end gap-2">
        <Textarea
          ref={textarea}
          rows={2}
          maxLength={4000}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (picker.onKeyDown(event)) return;
            if (event.key === "Enter" && !event.shiftKey) submit(event);
          }}
          placeholder={t("replyPlaceholder")}
          aria-label={t("replyPlaceholder")}
          aria-describedby={hintId}
          {...picker.inputProps}
          className="max-h-48 min-h-12 resize-none"
        />
        <Button type="submit" size="icon" className="size-12" disabled={send.isPending || !draft.trim()} aria-label={t("send")}>
          {send.isPending ? <Loader2 className="animate-spin" /> : <Send />}
        </Button>
      </div>
      <p id={hintId} className="text-xs text-muted-foreground">
        {conversation.status !== "handed_off" && `${t("replyHint")} `}
        {t("savedRepliesHint")}
      </p>
    </form>
  );
}
