"use client";

import { useEffect } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bot as BotIcon, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { PageHeader } from "@/components/shared/page-header";
import { useBots } from "@/lib/api/hooks/bots";
import { textOnColor } from "@/lib/utils";

/** /dashboard/knowledge and /dashboard/conversations: choose the bot (straight through when there is one). */
export function BotPicker({ section }: { section: "knowledge" | "conversations" }) {
  const t = useTranslations("picker");
  const nav = useTranslations("nav");
  const bots = useTranslations("bots");
  const list = useBots();
  const router = useRouter();
  const only = list.data?.length === 1 ? list.data[0] : undefined;

  useEffect(() => {
    if (only) router.replace(`/dashboard/bots/${only.id}/${section}`);
  }, [only, router, section]);

  return (
    <div className="space-y-8">
      <PageHeader title={nav(section)} description={t("subtitle")} />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : !list.data || only ? (
        <div className="grid gap-3 md:grid-cols-2">
          {Array.from({ length: 2 }, (_, i) => (
            <Skeleton key={i} className="h-20 rounded-2xl" />
          ))}
        </div>
      ) : list.data.length === 0 ? (
        <EmptyState
          icon={BotIcon}
          title={bots("empty")}
          action={
            <Button asChild>
              <Link href="/dashboard/bots">{bots("create")}</Link>
            </Button>
          }
        />
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {list.data.map((bot) => (
            <Link key={bot.id} href={`/dashboard/bots/${bot.id}/${section}`} className="group rounded-2xl outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50">
              <Card className="py-4 transition-all duration-200 group-hover:-translate-y-[1px] group-hover:shadow-md">
                <CardContent className="flex items-center gap-3">
                  <span
                    className="flex size-10 items-center justify-center rounded-xl"
                    style={{ backgroundColor: bot.primary_color, color: textOnColor(bot.primary_color) }}
                  >
                    <BotIcon className="size-5" aria-hidden />
                  </span>
                  <span className="min-w-0 flex-1 truncate font-medium">{bot.name}</span>
                  <ChevronRight className="size-4 text-muted-foreground" aria-hidden />
                </CardContent>
              </Card>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
