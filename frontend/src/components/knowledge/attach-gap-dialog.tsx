"use client";

import { useMemo, useState } from "react";
import { BookOpen, Loader2, Search } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Skeleton } from "@/components/ui/skeleton";
import { FormAlert } from "@/components/shared/form-alert";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useAttachGap, useKnowledge } from "@/lib/api/hooks/knowledge";
import { flattenPages } from "@/lib/api/hooks/pages";
import { isApiError } from "@/lib/api/problem";
import type { KnowledgeGap, KnowledgeItem } from "@/lib/api/types";
import { maxAlternatives } from "@/lib/validation";
import { cn } from "@/lib/utils";

/** Lower case without diacritics (and ı → i), so "calisma" finds "Çalışma". */
function fold(text: string, locale: string) {
  return text
    .toLocaleLowerCase(locale)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/ı/g, "i");
}

/** "Add to an existing item": picks one of the bot's items and teaches it the gap's question. */
export function AttachGapDialog({
  botId,
  gap,
  onOpenChange,
}: {
  botId: string;
  gap: KnowledgeGap | null;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("knowledge.gaps.attach");
  return (
    <Dialog open={gap !== null} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-lg" data-testid="attach-dialog">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description", { question: gap?.question ?? "" })}</DialogDescription>
        </DialogHeader>
        {/* Keyed by the gap, so the search and the choice start over for each gap. */}
        {gap && <AttachForm key={gap.id} botId={botId} gap={gap} onDone={() => onOpenChange(false)} />}
      </DialogContent>
    </Dialog>
  );
}

function AttachForm({ botId, gap, onDone }: { botId: string; gap: KnowledgeGap; onDone: () => void }) {
  const t = useTranslations("knowledge.gaps.attach");
  const common = useTranslations("common");
  const locale = useLocale();
  const message = useErrorMessage();
  const knowledge = useKnowledge(botId);
  const attach = useAttachGap(botId);
  const [query, setQuery] = useState("");
  const [selected, setSelected] = useState<string>("");
  const [failure, setFailure] = useState<string | undefined>();
  const [full, setFull] = useState<Set<string>>(() => new Set());

  const items = useMemo(() => flattenPages(knowledge.data), [knowledge.data]);
  const shown = useMemo(() => {
    const needle = fold(query.trim(), locale);
    if (!needle) return items;
    return items.filter((item) =>
      [item.title, item.question, ...(item.alternatives ?? [])].some((text) => fold(text, locale).includes(needle)),
    );
  }, [items, query, locale]);

  const isFull = (item: KnowledgeItem) => full.has(item.id) || (item.alternatives?.length ?? 0) >= maxAlternatives;
  const chosen = items.find((item) => item.id === selected);

  function submit() {
    if (!chosen) return;
    setFailure(undefined);
    attach.mutate(
      { gapId: gap.id, itemId: chosen.id },
      {
        onSuccess: (item) => {
          toast.success(t("done", { title: item.title }));
          onDone();
        },
        onError: (error) => {
          if (isApiError(error) && error.errors.some((e) => e.field === "item_id" && e.code === "too_many")) {
            setFull((previous) => new Set(previous).add(chosen.id));
            setSelected("");
            setFailure(t("full", { title: chosen.title, max: maxAlternatives }));
            return;
          }
          setFailure(message(error));
        },
      },
    );
  }

  return (
    <div className="space-y-4">
      <FormAlert message={failure} />
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
        <Input
          type="search"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder={t("search")}
          aria-label={t("search")}
          className="pl-9"
          data-testid="attach-search"
        />
      </div>

      {knowledge.isError ? (
        <FormAlert message={message(knowledge.error)} />
      ) : knowledge.isPending ? (
        <div className="space-y-2">
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : items.length === 0 ? (
        <p className="flex items-center gap-2 rounded-xl border border-dashed px-3 py-6 text-sm text-muted-foreground">
          <BookOpen className="size-4 shrink-0" aria-hidden /> {t("noItems")}
        </p>
      ) : (
        <div className="max-h-72 overflow-y-auto rounded-xl border">
          {shown.length === 0 ? (
            <p className="px-3 py-6 text-center text-sm text-muted-foreground">{t("noMatches")}</p>
          ) : (
            <RadioGroup value={selected} onValueChange={setSelected} aria-label={t("listLabel")} className="gap-0 divide-y">
              {shown.map((item) => {
                const disabled = isFull(item);
                const id = `attach-${item.id}`;
                return (
                  <Label
                    key={item.id}
                    htmlFor={id}
                    data-testid="attach-option"
                    className={cn(
                      "flex cursor-pointer items-start gap-3 px-3 py-2.5 font-normal hover:bg-accent/50",
                      selected === item.id && "bg-accent",
                      disabled && "cursor-not-allowed opacity-60 hover:bg-transparent",
                    )}
                  >
                    <RadioGroupItem id={id} value={item.id} disabled={disabled} aria-label={item.title} className="mt-0.5" />
                    <span className="min-w-0 flex-1 space-y-0.5">
                      <span className="block font-medium break-words">{item.title}</span>
                      {item.question && (
                        <span className="line-clamp-1 block text-xs text-muted-foreground">{item.question}</span>
                      )}
                    </span>
                    <span className="shrink-0 text-xs text-muted-foreground tabular-nums">
                      {disabled
                        ? t("fullBadge", { max: maxAlternatives })
                        : t("alternativeCount", { count: item.alternatives?.length ?? 0, max: maxAlternatives })}
                    </span>
                  </Label>
                );
              })}
            </RadioGroup>
          )}
          {knowledge.hasNextPage && (
            <div className="flex justify-center border-t p-2">
              <Button
                type="button"
                variant="ghost"
                size="sm"
                onClick={() => knowledge.fetchNextPage()}
                disabled={knowledge.isFetchingNextPage}
              >
                {knowledge.isFetchingNextPage && <Loader2 className="animate-spin" />}
                {common("loadMore")}
              </Button>
            </div>
          )}
        </div>
      )}

      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          {common("cancel")}
        </Button>
        <Button type="button" onClick={submit} disabled={!chosen || attach.isPending} data-testid="attach-submit">
          {attach.isPending && <Loader2 className="animate-spin" />}
          {t("submit")}
        </Button>
      </DialogFooter>
    </div>
  );
}
