"use client";

import { useId, useState } from "react";
import Link from "next/link";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";

import { useSavedReplies } from "@/lib/api/hooks/inbox";
import type { SavedReply } from "@/lib/api/types";
import { cn } from "@/lib/utils";

/** At most this many matches are listed (typing narrows them): the list never needs to scroll. */
const shown = 6;

/** What was typed after a `/` that starts the reply, or null when the reply is not a search. */
function searchOf(draft: string): string | null {
  const match = /^\/([^\n]*)$/.exec(draft);
  return match ? (match[1] ?? "").trim().toLocaleLowerCase("tr") : null;
}

function matching(replies: SavedReply[], search: string): SavedReply[] {
  const found = replies.filter(
    (r) => r.shortcut.toLocaleLowerCase("tr").includes(search) || r.body.toLocaleLowerCase("tr").includes(search),
  );
  // Shortcuts that start with the search first, then the rest in their order.
  const starts = (r: SavedReply) => (r.shortcut.toLocaleLowerCase("tr").startsWith(search) ? 0 : 1);
  return found.sort((a, b) => starts(a) - starts(b)).slice(0, shown);
}

/**
 * Saved replies for a reply box: a `/` at the start of the reply opens the list, the text after
 * it filters by shortcut and body; ↑/↓ choose, Enter puts the body in the reply (`insert`),
 * Escape (or leaving the box) closes the list until the reply changes again. The textarea keeps
 * the focus; the list is tied to it with aria-controls/aria-activedescendant.
 */
export function useSavedReplyPicker(draft: string, insert: (body: string) => void) {
  const listId = useId();
  const search = searchOf(draft);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const [active, setActive] = useState({ search, index: 0 });
  const open = search !== null && dismissedAt !== draft;
  const replies = useSavedReplies(open);
  const matches = open && replies.data ? matching(replies.data, search) : [];
  const index = active.search === search ? Math.min(active.index, Math.max(matches.length - 1, 0)) : 0;
  const optionId = (i: number) => `${listId}-option-${i}`;
  const listed = open && matches.length > 0;

  function choose(reply: SavedReply) {
    // Closed for the inserted text too (a reply that itself starts with "/" is not a search).
    setDismissedAt(reply.body);
    insert(reply.body);
  }

  /** Handles the reply box's key when the list is open; true when it did (the box does nothing more). */
  function onKeyDown(event: React.KeyboardEvent): boolean {
    if (!open) return false;
    if (event.key === "Escape") {
      setDismissedAt(draft);
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && matches.length > 0) {
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive({ search, index: (index + step + matches.length) % matches.length });
    } else if (event.key === "Enter" && !event.shiftKey) {
      // Never sends "/…" by accident: Escape first to send a reply that starts with a slash.
      if (matches[index]) choose(matches[index]);
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  const inputProps = {
    "aria-autocomplete": "list" as const,
    "aria-controls": listed ? listId : undefined,
    "aria-activedescendant": listed ? optionId(index) : undefined,
    // Leaving the reply box closes the list (typing there again opens it).
    onBlur: () => open && setDismissedAt(draft),
  };

  const popover = open ? (
    <SavedReplyList
      listId={listId}
      optionId={optionId}
      matches={matches}
      index={index}
      loading={replies.isPending}
      empty={(replies.data?.length ?? 0) === 0}
      onHover={(i) => setActive({ search, index: i })}
      onChoose={choose}
    />
  ) : null;

  return { inputProps, onKeyDown, popover };
}

function SavedReplyList({
  listId,
  optionId,
  matches,
  index,
  loading,
  empty,
  onHover,
  onChoose,
}: {
  listId: string;
  optionId: (i: number) => string;
  matches: SavedReply[];
  index: number;
  loading: boolean;
  empty: boolean;
  onHover: (i: number) => void;
  onChoose: (reply: SavedReply) => void;
}) {
  const t = useTranslations("inbox.savedReplies");
  const labelId = `${listId}-label`;
  return (
    // The reply box keeps the focus: a click in the list chooses (or follows the link) without blurring it.
    <div
      className="absolute inset-x-3 bottom-full z-20 mb-1 overflow-hidden rounded-xl border bg-popover text-popover-foreground shadow-md"
      onMouseDown={(event) => event.preventDefault()}
      data-testid="saved-reply-picker"
    >
      <p id={labelId} className="border-b px-3 py-2 text-xs font-medium text-muted-foreground">
        {t("pickerTitle")}
      </p>
      {loading ? (
        <Loader2 className="m-3 size-4 animate-spin" role="img" aria-label={t("loading")} />
      ) : matches.length === 0 ? (
        <p role="status" className="px-3 py-2 text-sm text-muted-foreground">
          {empty ? t("none") : t("noMatch")}{" "}
          <Link href="/dashboard/settings?tab=replies" className="text-primary underline underline-offset-4">
            {t("manage")}
          </Link>
        </p>
      ) : (
        <ul role="listbox" id={listId} aria-labelledby={labelId} className="p-1">
          {matches.map((reply, i) => (
            <li
              key={reply.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === index}
              onMouseEnter={() => onHover(i)}
              onClick={() => onChoose(reply)}
              className={cn("cursor-pointer rounded-lg px-3 py-2", i === index && "bg-accent text-accent-foreground")}
              data-testid="saved-reply-option"
            >
              <span className="block font-mono text-xs font-semibold">/{reply.shortcut}</span>
              <span className="line-clamp-2 text-xs text-muted-foreground">{reply.body}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
