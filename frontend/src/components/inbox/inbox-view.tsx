"use client";

import { useState } from "react";

import { NoConversation } from "@/components/conversations/conversation-detail";
import { InboxDetails } from "@/components/inbox/inbox-details";
import { InboxList } from "@/components/inbox/inbox-list";
import { InboxThread } from "@/components/inbox/inbox-thread";
import { useInboxParams } from "@/components/inbox/use-inbox-params";
import { cn } from "@/lib/utils";

/**
 * The team inbox: every conversation of the business in three panes, the list (views and
 * filters), the open conversation and its details. A wide screen shows all three; from `lg` the
 * details take the thread's place when asked for; a phone shows one pane at a time, list →
 * thread → details, with a way back from each.
 */
export function InboxView() {
  const [params, update] = useInboxParams();
  const selected = params.c;
  // The conversation whose details were asked for: another one opened (from the list, or a
  // link in the details such as the contact's other conversations) shows its thread first.
  const [detailsFor, setDetailsFor] = useState<string | null>(null);
  const pane = !selected ? "list" : detailsFor === selected ? "details" : "thread";

  function select(id: string) {
    setDetailsFor(null);
    if (id !== selected) update({ c: id }, "push");
  }

  return (
    // The height of the window below the top bar and the page's padding: each pane scrolls on its own.
    <div className="flex h-[calc(100dvh-7rem)] min-h-[32rem] gap-4 lg:h-[calc(100dvh-8rem)]" data-testid="inbox">
      <InboxList
        params={params}
        update={update}
        onSelect={select}
        className={cn("w-full lg:flex lg:w-72 lg:shrink-0 2xl:w-80", pane === "list" ? "flex" : "hidden")}
      />
      {selected ? (
        <InboxThread
          key={`thread-${selected}`}
          conversationId={selected}
          onBack={() => update({ c: null })}
          onDetails={() => setDetailsFor(selected)}
          className={cn("min-w-0 flex-1", pane === "thread" ? "flex" : "hidden xl:flex")}
        />
      ) : (
        <div className="hidden min-w-0 flex-1 lg:flex">
          <NoConversation className="w-full" />
        </div>
      )}
      {selected && (
        <InboxDetails
          key={`details-${selected}`}
          conversationId={selected}
          onBack={() => setDetailsFor(null)}
          className={cn("min-w-0 flex-1 xl:flex xl:w-72 xl:flex-none", pane === "details" ? "flex" : "hidden")}
        />
      )}
    </div>
  );
}
