"use client";

import { useState } from "react";
import Link from "next/link";
import { CircleHelp, Link2, Loader2, MessageSquareReply, MessagesSquare, Sparkles, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { AttachGapDialog } from "@/components/knowledge/attach-gap-dialog";
import { KnowledgeDialog, toKnowledgeValues } from "@/components/knowledge/knowledge-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { TableSkeleton } from "@/components/shared/page-skeleton";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useRelativeTime } from "@/components/shared/use-relative-time";
import { useDismissGap, useKnowledgeGaps, useSaveKnowledge } from "@/lib/api/hooks/knowledge";
import { flattenPages } from "@/lib/api/hooks/pages";
import type { KnowledgeGap } from "@/lib/api/types";
import type { KnowledgeValues } from "@/lib/validation";
import { conversationHref } from "@/config/dashboard";

/**
 * A new item from a gap: its question, and the team's reply in that conversation (when there
 * is one) as the answer to start from.
 */
function fromGap(gap: KnowledgeGap): KnowledgeValues {
  return {
    ...toKnowledgeValues(),
    title: gap.question.slice(0, 200),
    question: gap.question.slice(0, 500),
    answer: gap.operator_reply?.trim().slice(0, 4000) ?? "",
  };
}

/**
 * Questions the bot could not answer; each can become a knowledge item in one step, or be
 * taught to an existing item as another way to ask it.
 */
export function KnowledgeGaps({ botId }: { botId: string }) {
  const t = useTranslations("knowledge.gaps");
  const common = useTranslations("common");
  const relativeTime = useRelativeTime();
  const message = useErrorMessage();
  const gaps = useKnowledgeGaps(botId);
  const dismiss = useDismissGap(botId);
  const save = useSaveKnowledge(botId);
  const [converting, setConverting] = useState<{ gap: KnowledgeGap; initial: KnowledgeValues } | null>(null);
  const [attaching, setAttaching] = useState<KnowledgeGap | null>(null);
  const items = flattenPages(gaps.data);

  if (gaps.isError) return <ErrorState error={gaps.error} onRetry={() => gaps.refetch()} />;
  if (gaps.isPending) return <TableSkeleton />;

  return (
    <div className="space-y-4">
      <p className="text-sm text-muted-foreground">{t("subtitle")}</p>
      {items.length === 0 ? (
        <EmptyState icon={Sparkles} title={t("empty")} description={t("emptyHint")} />
      ) : (
        <ul className="space-y-3" data-testid="gap-list">
          {items.map((gap) => (
            <li key={gap.id} data-testid="gap-item">
              <Card className="py-4">
                <CardContent className="flex flex-col gap-3 lg:flex-row lg:items-center">
                  <CircleHelp className="hidden size-5 shrink-0 text-warning lg:block" aria-hidden />
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="font-medium break-words">{gap.question}</p>
                    {gap.operator_reply && (
                      <p className="flex items-start gap-1.5 text-sm text-muted-foreground" data-testid="gap-operator-reply">
                        <MessageSquareReply className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                        <span className="line-clamp-3 break-words">
                          <span className="font-medium text-foreground">{t("operatorReply")}</span> {gap.operator_reply}
                        </span>
                      </p>
                    )}
                    <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
                      <Badge variant="warning">{t("count", { count: gap.count })}</Badge>
                      <span>{t("lastAsked", { when: relativeTime(gap.last_asked_at) })}</span>
                      {gap.last_conversation_id && (
                        <Link
                          href={conversationHref(gap.last_conversation_id)}
                          className="inline-flex items-center gap-1 text-primary underline underline-offset-4"
                        >
                          <MessagesSquare className="size-3" aria-hidden /> {t("openConversation")}
                        </Link>
                      )}
                    </div>
                  </div>
                  <div className="flex shrink-0 flex-wrap gap-2">
                    <Button size="sm" onClick={() => setConverting({ gap, initial: fromGap(gap) })} data-testid="gap-convert">
                      <Sparkles /> {t("convert")}
                    </Button>
                    <Button size="sm" variant="outline" onClick={() => setAttaching(gap)} data-testid="gap-attach">
                      <Link2 /> {t("attachButton")}
                    </Button>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() =>
                        dismiss.mutate(gap.id, {
                          onSuccess: () => toast.success(t("dismissed")),
                          onError: (error) => toast.error(message(error)),
                        })
                      }
                    >
                      <X /> {t("dismiss")}
                    </Button>
                  </div>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
      {gaps.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => gaps.fetchNextPage()} disabled={gaps.isFetchingNextPage}>
            {gaps.isFetchingNextPage && <Loader2 className="animate-spin" />}
            {common("loadMore")}
          </Button>
        </div>
      )}
      <KnowledgeDialog
        open={converting !== null}
        onOpenChange={(open) => !open && setConverting(null)}
        initial={converting?.initial ?? toKnowledgeValues()}
        mode="gap"
        pending={save.isPending}
        answerHint={converting?.gap.operator_reply ? t("answerFromTeam") : undefined}
        onSave={async (values) => {
          if (!converting) return;
          await save.mutateAsync(values);
          // The question is answered now: the gap goes away.
          dismiss.mutate(converting.gap.id);
          toast.success(t("converted"));
        }}
      />
      <AttachGapDialog botId={botId} gap={attaching} onOpenChange={(open) => !open && setAttaching(null)} />
    </div>
  );
}
