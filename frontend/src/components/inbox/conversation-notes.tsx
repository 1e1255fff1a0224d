"use client";

import { useId, useState } from "react";
import { Lock, StickyNote, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { Textarea } from "@/components/ui/textarea";
import { FormAlert } from "@/components/shared/form-alert";
import { InlineRetry } from "@/components/shared/inline-retry";
import { PendingButton } from "@/components/shared/form-fields";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useMembers, useMyRole } from "@/components/shared/use-members";
import { useRelativeTime } from "@/components/shared/use-relative-time";
import { useAddNote, useDeleteNote, useNotes } from "@/lib/api/hooks/inbox";
import type { Note } from "@/lib/api/types";
import { useSessionStore } from "@/stores/session";

function NoteItem({
  note,
  author,
  canDelete,
  onDelete,
}: {
  note: Note;
  author: string | undefined;
  canDelete: boolean;
  onDelete: () => void;
}) {
  const t = useTranslations("inbox.notes");
  const relativeTime = useRelativeTime();
  return (
    <li className="rounded-xl border-l-4 border-note-border bg-note px-3 py-2 text-sm text-note-foreground" data-testid="note-item">
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 whitespace-pre-wrap break-words">{note.body}</p>
        {canDelete && (
          <Button variant="ghost" size="icon" className="-mt-1 -mr-2 size-7 text-note-muted" onClick={onDelete} aria-label={t("delete")}>
            <Trash2 />
          </Button>
        )}
      </div>
      <p className="mt-1 text-xs text-note-muted">
        {author ?? t("formerMember")} · <time dateTime={note.created_at}>{relativeTime(note.created_at)}</time>
      </p>
    </li>
  );
}

/**
 * The team's internal notes on a conversation, in a note's yellow so no one takes them for
 * messages: read, added and deleted (by their author, an admin or the owner) here, never sent.
 */
export function ConversationNotes({ conversationId }: { conversationId: string }) {
  const t = useTranslations("inbox.notes");
  const message = useErrorMessage();
  const titleId = useId();
  const inputId = useId();
  const notes = useNotes(conversationId);
  const add = useAddNote(conversationId);
  const remove = useDeleteNote(conversationId);
  const myId = useSessionStore((s) => s.user?.id);
  const { nameById } = useMembers();
  const role = useMyRole();
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | undefined>();

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const body = draft.trim();
    if (!body) return;
    setError(undefined);
    add.mutate(body, { onSuccess: () => setDraft(""), onError: (e) => setError(message(e)) });
  }

  function deleteNote(note: Note) {
    remove.mutate(note.id, {
      onSuccess: () => toast.success(t("deleted")),
      onError: (e) => toast.error(message(e)),
    });
  }

  return (
    <section aria-labelledby={titleId} className="space-y-3" data-testid="notes">
      <h3 id={titleId} className="flex items-center gap-1.5 text-sm font-medium">
        <StickyNote className="size-4" aria-hidden /> {t("title")}
      </h3>
      {notes.isPending ? (
        <Skeleton className="h-14 rounded-xl" />
      ) : notes.isError ? (
        <InlineRetry message={t("failed")} onRetry={() => notes.refetch()} />
      ) : notes.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("empty")}</p>
      ) : (
        <ul className="space-y-2">
          {notes.data.map((note) => (
            <NoteItem
              key={note.id}
              note={note}
              author={nameById(note.author_id)}
              canDelete={note.author_id === myId || role === "admin" || role === "owner"}
              onDelete={() => deleteNote(note)}
            />
          ))}
        </ul>
      )}
      <form onSubmit={submit} className="space-y-2">
        <Label htmlFor={inputId} className="flex items-center gap-1.5 text-xs">
          <Lock className="size-3.5" aria-hidden /> {t("label")}
        </Label>
        <FormAlert message={error} />
        <Textarea
          id={inputId}
          rows={2}
          maxLength={2000}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) submit(event);
          }}
          placeholder={t("placeholder")}
          className="min-h-16 border-note-border bg-note/50 text-sm"
          data-testid="note-input"
        />
        <PendingButton size="sm" variant="outline" pending={add.isPending} disabled={!draft.trim()} data-testid="note-add">
          {t("add")}
        </PendingButton>
      </form>
    </section>
  );
}
