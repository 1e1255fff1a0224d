"use client";

import { useQueryClient } from "@tanstack/react-query";
import { Hand } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useMembers } from "@/components/shared/use-members";
import { queryKeys } from "@/lib/api/hooks/keys";
import { useAssign } from "@/lib/api/hooks/inbox";
import { isApiError } from "@/lib/api/problem";
import type { Conversation } from "@/lib/api/types";
import { useSessionStore } from "@/stores/session";

const nobody = "nobody";
const someoneElse = "someone-else";

/**
 * Who answers the conversation: me, another member or nobody, and "Take it" while nobody does.
 * Each change says who the page showed (`expected_assignee_id`): when someone else took the
 * conversation meanwhile the API refuses (409 `assignment_changed`), and the page reads it again.
 */
export function AssignControl({ conversation }: { conversation: Conversation }) {
  const t = useTranslations("inbox.assign");
  const errors = useTranslations("errors");
  const message = useErrorMessage();
  const client = useQueryClient();
  const assign = useAssign(conversation.id);
  const { members, nameOf } = useMembers();
  const myId = useSessionStore((s) => s.user?.id);
  const current = conversation.assignee_id ?? null;
  const others = members.filter((m) => m.user_id !== myId);
  const known = current === null || current === myId || others.some((m) => m.user_id === current);

  function change(assigneeId: string | null) {
    if (assigneeId === current) return;
    assign.mutate(
      { assigneeId, expected: current },
      {
        onSuccess: () => toast.success(assigneeId === null ? t("released") : assigneeId === myId ? t("taken") : t("assigned")),
        onError: (error) => {
          if (!isApiError(error)) return toast.error(message(error));
          if (error.code === "assignment_changed") {
            // Someone else was quicker: show who has it now.
            toast.error(t("changed"));
            void client.invalidateQueries({ queryKey: queryKeys.conversation(conversation.id) });
            void client.invalidateQueries({ queryKey: queryKeys.inboxLists() });
          } else if (error.code === "not_a_member" || error.errors.some((f) => f.code === "not_a_member")) {
            // They left the team meanwhile: the list of members is read again.
            toast.error(errors("not_a_member"));
            void client.invalidateQueries({ queryKey: queryKeys.team });
          } else {
            toast.error(message(error));
          }
        },
      },
    );
  }

  const value = current === null ? nobody : known ? current : someoneElse;
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2">
      <Select value={value} onValueChange={(v) => change(v === nobody ? null : v)} disabled={assign.isPending}>
        <SelectTrigger size="sm" aria-label={t("label")} className="max-w-52 min-w-0" data-testid="assign-select">
          <SelectValue />
        </SelectTrigger>
        <SelectContent>
          {myId && <SelectItem value={myId}>{t("me")}</SelectItem>}
          {others.map((member) => (
            <SelectItem key={member.user_id} value={member.user_id}>
              {nameOf(member)}
            </SelectItem>
          ))}
          {!known && (
            <SelectItem value={someoneElse} disabled>
              {t("someoneElse")}
            </SelectItem>
          )}
          <SelectItem value={nobody}>{t("nobody")}</SelectItem>
        </SelectContent>
      </Select>
      {current === null && myId && (
        <Button size="sm" variant="outline" onClick={() => change(myId)} disabled={assign.isPending} data-testid="take-conversation">
          <Hand /> {t("take")}
        </Button>
      )}
    </div>
  );
}
