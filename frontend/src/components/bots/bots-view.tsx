"use client";

import { useState } from "react";
import Link from "next/link";
import { Bot as BotIcon, BookOpen, MessagesSquare, Pencil, Plus } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { CreateBotDialog } from "@/components/bots/create-bot-dialog";
import { CopyButton } from "@/components/shared/copy-button";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { PageHeader } from "@/components/shared/page-header";
import { useBots } from "@/lib/api/hooks/bots";
import { embedSnippet } from "@/lib/env";
import { textOnColor } from "@/lib/utils";

export function BotsView() {
  const t = useTranslations("bots");
  const format = useFormatter();
  const bots = useBots();
  const [creating, setCreating] = useState(false);

  const createButton = (
    <Button onClick={() => setCreating(true)} data-testid="create-bot">
      <Plus /> {t("create")}
    </Button>
  );

  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} description={t("subtitle")} actions={createButton} />
      <CreateBotDialog open={creating} onOpenChange={setCreating} />

      {bots.isError ? (
        <ErrorState error={bots.error} onRetry={() => bots.refetch()} />
      ) : !bots.data ? (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-48 rounded-2xl" />
          ))}
        </div>
      ) : bots.data.length === 0 ? (
        <EmptyState icon={BotIcon} title={t("empty")} description={t("emptyHint")} action={createButton} />
      ) : (
        <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-3" data-testid="bot-list">
          {bots.data.map((bot) => (
            <Card key={bot.id} className="gap-4 transition-all duration-200 hover:-translate-y-[1px] hover:shadow-md" data-testid="bot-card">
              <CardHeader className="flex flex-row items-start gap-3">
                <span
                  className="flex size-10 shrink-0 items-center justify-center rounded-xl shadow-sm"
                  style={{ backgroundColor: bot.primary_color, color: textOnColor(bot.primary_color) }}
                  aria-hidden
                >
                  <BotIcon className="size-5" />
                </span>
                <div className="min-w-0 flex-1 space-y-1">
                  <CardTitle className="truncate text-base">
                    <Link href={`/dashboard/bots/${bot.id}`} className="hover:underline">
                      {bot.name}
                    </Link>
                  </CardTitle>
                  <p className="text-xs text-muted-foreground">
                    {t("created", { date: format.dateTime(new Date(bot.created_at), { dateStyle: "medium" }) })}
                  </p>
                </div>
                <Badge variant={bot.is_active ? "success" : "outline"}>{bot.is_active ? t("active") : t("inactive")}</Badge>
              </CardHeader>
              <CardContent className="min-h-10">
                <p className="line-clamp-2 text-sm text-muted-foreground">{bot.description || t("noDescription")}</p>
              </CardContent>
              <CardFooter className="flex flex-wrap gap-2">
                <Button asChild size="sm">
                  <Link href={`/dashboard/bots/${bot.id}`}>
                    <Pencil /> {t("edit")}
                  </Link>
                </Button>
                <Button asChild size="sm" variant="outline">
                  <Link href={`/dashboard/bots/${bot.id}/knowledge`}>
                    <BookOpen /> {t("knowledge")}
                  </Link>
                </Button>
                <Button asChild size="sm" variant="outline">
                  <Link href={`/dashboard/bots/${bot.id}/conversations`}>
                    <MessagesSquare /> {t("conversations")}
                  </Link>
                </Button>
                <CopyButton value={embedSnippet(bot.public_key)} label={t("copyCode")} variant="ghost" />
              </CardFooter>
            </Card>
          ))}
        </div>
      )}
    </div>
  );
}
