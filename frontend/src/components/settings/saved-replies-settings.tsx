"use client";

import { useState } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { MessageSquareText, Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { FormShell, PendingButton, TextareaField, TextField } from "@/components/shared/form-fields";
import { SectionCard } from "@/components/shared/section-card";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useFormError } from "@/components/shared/use-form-error";
import { useCreateSavedReply, useDeleteSavedReply, useSavedReplies, useUpdateSavedReply } from "@/lib/api/hooks/inbox";
import { isApiError } from "@/lib/api/problem";
import type { SavedReply } from "@/lib/api/types";
import { savedReplySchema, type SavedReplyValues } from "@/lib/validation";

/** A new saved reply, or (with `reply`) a change to one; `onDone` closes the editing form. */
function SavedReplyForm({ reply, onDone }: { reply?: SavedReply; onDone?: () => void }) {
  const t = useTranslations("settings.savedReplies");
  const common = useTranslations("common");
  const create = useCreateSavedReply();
  const update = useUpdateSavedReply(reply?.id ?? "none");
  const save = reply ? update : create;
  const form = useForm<SavedReplyValues>({
    resolver: zodResolver(savedReplySchema),
    defaultValues: { shortcut: reply?.shortcut ?? "", body: reply?.body ?? "" },
  });
  const onError = useFormError(form, ["shortcut", "body"]);

  function onSubmit(values: SavedReplyValues) {
    save.mutate(values, {
      onSuccess: (saved) => {
        toast.success(reply ? t("updated", { shortcut: saved.shortcut }) : t("created", { shortcut: saved.shortcut }));
        if (!reply) form.reset({ shortcut: "", body: "" });
        onDone?.();
      },
      onError: (error) => {
        // Normally a field error on `shortcut`; a bare problem with the same code lands there too.
        if (isApiError(error) && error.code === "shortcut_taken" && error.errors.length === 0) {
          form.setError("shortcut", { type: "server", message: "shortcutTaken" });
        } else {
          onError(error);
        }
      },
    });
  }

  return (
    <FormShell form={form} onSubmit={onSubmit} testId={reply ? "saved-reply-edit" : "saved-reply-form"}>
      <TextField
        control={form.control}
        name="shortcut"
        label={t("shortcut")}
        description={t("shortcutHint")}
        placeholder={t("shortcutPlaceholder")}
        autoComplete="off"
        maxLength={33}
        data-testid="saved-reply-shortcut"
      />
      <TextareaField
        control={form.control}
        name="body"
        label={t("body")}
        placeholder={t("bodyPlaceholder")}
        rows={4}
        maxLength={4000}
        data-testid="saved-reply-body"
      />
      <div className="flex flex-wrap gap-2">
        <PendingButton pending={save.isPending} idleIcon={reply ? undefined : <Plus />} data-testid="saved-reply-save">
          {reply ? common("save") : t("create")}
        </PendingButton>
        {onDone && (
          <Button type="button" variant="ghost" onClick={onDone}>
            {common("cancel")}
          </Button>
        )}
      </div>
    </FormShell>
  );
}

function SavedReplyRow({ reply, onEdit, onDelete }: { reply: SavedReply; onEdit: () => void; onDelete: () => void }) {
  const t = useTranslations("settings.savedReplies");
  return (
    <div className="flex items-start gap-2">
      <div className="min-w-0 flex-1 space-y-0.5">
        <p className="font-mono text-sm font-semibold break-all">/{reply.shortcut}</p>
        <p className="line-clamp-3 text-sm break-words whitespace-pre-wrap text-muted-foreground">{reply.body}</p>
      </div>
      <Button variant="ghost" size="icon" onClick={onEdit} aria-label={t("edit", { shortcut: reply.shortcut })} data-testid="saved-reply-edit-button">
        <Pencil />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        className="text-destructive hover:text-destructive"
        onClick={onDelete}
        aria-label={t("delete", { shortcut: reply.shortcut })}
        data-testid="saved-reply-delete"
      >
        <Trash2 />
      </Button>
    </div>
  );
}

/**
 * The business's saved replies ("Hazır yanıtlar"): listed, added, changed and deleted here, and
 * put into a reply by typing `/` and the shortcut in a conversation's reply box.
 */
export function SavedRepliesSettings() {
  const t = useTranslations("settings.savedReplies");
  const message = useErrorMessage();
  const replies = useSavedReplies();
  const remove = useDeleteSavedReply();
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);

  return (
    <div className="grid max-w-5xl grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-2" data-testid="saved-replies">
      <SectionCard title={t("title")} subtitle={t("subtitle")} className="h-fit">
        {replies.isError ? (
          <ErrorState error={replies.error} onRetry={() => replies.refetch()} />
        ) : !replies.data ? (
          <Skeleton className="h-40 w-full rounded-xl" />
        ) : replies.data.length === 0 ? (
          <EmptyState icon={MessageSquareText} title={t("empty")} description={t("emptyHint")} className="py-10" />
        ) : (
          <ul className="divide-y rounded-xl border" data-testid="saved-reply-list">
            {replies.data.map((reply) => (
              <li key={reply.id} className="px-4 py-3" data-testid="saved-reply-item" data-shortcut={reply.shortcut}>
                {editing === reply.id ? (
                  <SavedReplyForm reply={reply} onDone={() => setEditing(null)} />
                ) : (
                  <SavedReplyRow reply={reply} onEdit={() => setEditing(reply.id)} onDelete={() => setDeleting(reply)} />
                )}
              </li>
            ))}
          </ul>
        )}
      </SectionCard>
      <SectionCard title={t("newTitle")} subtitle={t("newSubtitle")} className="h-fit">
        <SavedReplyForm />
      </SectionCard>
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteTitle", { shortcut: deleting?.shortcut ?? "" })}
        description={t("deleteBody")}
        confirmLabel={t("deleteConfirm")}
        pending={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t("deleted", { shortcut: deleting.shortcut }));
              setDeleting(null);
            },
            onError: (error) => toast.error(message(error)),
          });
        }}
      />
    </div>
  );
}
