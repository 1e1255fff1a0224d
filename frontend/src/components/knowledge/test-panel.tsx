"use client";

import { useState } from "react";
import { Bot as BotIcon, Headset, Loader2, Send, User } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Textarea } from "@/components/ui/textarea";
import { EmptyState } from "@/components/shared/empty-state";
import { FormAlert } from "@/components/shared/form-alert";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useBotTest } from "@/lib/api/hooks/bots";
import type { TestReply } from "@/lib/api/types";
import { cn } from "@/lib/utils";

type Exchange = { id: number; question: string; answer: TestReply };

function Confidence({ value }: { value: number }) {
  const t = useTranslations("knowledge.test");
  const format = useFormatter();
  const tone = value >= 0.7 ? "bg-success" : value >= 0.4 ? "bg-warning" : "bg-destructive";
  return (
    <div className="flex items-center gap-2 text-xs text-muted-foreground" data-testid="test-confidence">
      <span>{t("confidence")}</span>
      <span className="h-1.5 w-24 overflow-hidden rounded-full bg-muted">
        <span className={cn("block h-full rounded-full", tone)} style={{ width: `${Math.round(value * 100)}%` }} />
      </span>
      <span className="tabular-nums">{format.number(value, { style: "percent" })}</span>
    </div>
  );
}

/** Ask the bot a question without a real conversation: see the answer and the items it used. */
export function TestPanel({ botId }: { botId: string }) {
  const t = useTranslations("knowledge.test");
  const format = useFormatter();
  const message = useErrorMessage();
  const test = useBotTest(botId);
  const [question, setQuestion] = useState("");
  const [history, setHistory] = useState<Exchange[]>([]);
  const [failure, setFailure] = useState<string | undefined>();

  function ask(event: React.FormEvent) {
    event.preventDefault();
    const text = question.trim();
    if (!text) return;
    setFailure(undefined);
    test.mutate(text, {
      onSuccess: (answer) => {
        setHistory((previous) => [{ id: Date.now(), question: text, answer }, ...previous]);
        setQuestion("");
      },
      onError: (error) => setFailure(message(error)),
    });
  }

  return (
    <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
      <Card className="h-fit">
        <CardHeader>
          <CardTitle className="text-lg">{t("title")}</CardTitle>
          <CardDescription>{t("subtitle")}</CardDescription>
        </CardHeader>
        <CardContent>
          <form onSubmit={ask} className="space-y-3" data-testid="test-form">
            <Textarea
              rows={4}
              maxLength={2000}
              value={question}
              onChange={(event) => setQuestion(event.target.value)}
              placeholder={t("placeholder")}
              aria-label={t("placeholder")}
              onKeyDown={(event) => {
                if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) ask(event);
              }}
            />
            <FormAlert message={failure} />
            <Button type="submit" disabled={test.isPending || !question.trim()} className="w-full" data-testid="test-send">
              {test.isPending ? <Loader2 className="animate-spin" /> : <Send />}
              {t("send")}
            </Button>
          </form>
        </CardContent>
      </Card>

      <div className="space-y-4" data-testid="test-results">
        {history.length === 0 ? (
          <EmptyState icon={BotIcon} title={t("empty")} />
        ) : (
          history.map(({ id, question: asked, answer }) => (
            <Card key={id} className="gap-4 py-5" data-testid="test-result">
              <CardContent className="space-y-4">
                <div className="flex items-start gap-2">
                  <User className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                  <p className="text-sm font-medium break-words">{asked}</p>
                </div>
                <div className="flex items-start gap-2">
                  <BotIcon className="mt-0.5 size-4 shrink-0 text-primary" aria-hidden />
                  <p className="rounded-2xl rounded-tl-sm bg-muted px-3 py-2 text-sm whitespace-pre-wrap" data-testid="test-reply">
                    {answer.reply}
                  </p>
                </div>
                <div className="flex flex-wrap items-center gap-3">
                  <Confidence value={answer.confidence} />
                  <Badge variant="secondary">{t(`modes.${answer.mode}`)}</Badge>
                  {answer.handoff && (
                    <Badge variant="warning">
                      <Headset aria-hidden /> {t("handoff")}
                    </Badge>
                  )}
                </div>
                <div className="space-y-2">
                  <p className="text-xs font-medium text-muted-foreground">{t("sources")}</p>
                  {answer.sources.length === 0 ? (
                    <p className="text-xs text-muted-foreground">{t("noSources")}</p>
                  ) : (
                    <ul className="space-y-1.5" data-testid="test-sources">
                      {answer.sources.map((source) => (
                        <li key={source.item_id} className="flex items-center justify-between gap-3 rounded-lg border px-3 py-1.5 text-sm">
                          <span className="truncate">{source.title}</span>
                          <span className="shrink-0 font-mono text-xs text-muted-foreground">
                            {format.number(source.score, { maximumFractionDigits: 2, minimumFractionDigits: 2 })}
                          </span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              </CardContent>
            </Card>
          ))
        )}
      </div>
    </div>
  );
}
