"use client";

import { useState } from "react";
import { Pencil } from "lucide-react";
import { useTranslations } from "next-intl";

import { Textarea } from "@/components/ui/textarea";
import type { Lead } from "@/lib/api/types";

/** Notes edited in place: click to edit, saved on blur (Escape cancels). */
export function LeadNotes({ lead, onSave }: { lead: Lead; onSave: (notes: string) => void }) {
  const t = useTranslations("leads");
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(lead.notes);

  if (editing) {
    return (
      <Textarea
        autoFocus
        rows={3}
        maxLength={2000}
        value={draft}
        aria-label={t("columns.notes")}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") {
            setDraft(lead.notes);
            setEditing(false);
          }
        }}
        onBlur={() => {
          setEditing(false);
          if (draft !== lead.notes) onSave(draft);
        }}
        className="min-w-48 text-sm"
      />
    );
  }
  return (
    <button
      type="button"
      onClick={() => {
        setDraft(lead.notes);
        setEditing(true);
      }}
      className="group flex w-full items-start gap-2 rounded-lg px-2 py-1 text-left text-sm text-muted-foreground transition-colors hover:bg-accent"
    >
      {/* Named by what it shows, after what it does (an aria-label would hide the notes from the name). */}
      <span className="sr-only">{t("editNotes")}: </span>
      <span className="line-clamp-2 flex-1 whitespace-normal">{lead.notes || t("addNotes")}</span>
      <Pencil className="mt-0.5 size-3.5 shrink-0 opacity-0 transition-opacity group-hover:opacity-100" aria-hidden />
    </button>
  );
}
