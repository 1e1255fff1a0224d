"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { MessageCircle, RefreshCw, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { BotForm } from "@/components/bots/bot-form";
import { BotSubnav } from "@/components/bots/bot-subnav";
import { EmbedSnippet } from "@/components/bots/embed-snippet";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { ErrorState } from "@/components/shared/error-state";
import { PageHeader } from "@/components/shared/page-header";
import { PageSkeleton } from "@/components/shared/page-skeleton";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useBot, useDeleteBot, useRotateKey } from "@/lib/api/hooks/bots";

export function BotView({ botId }: { botId: string }) {
  const t = useTranslations("bots.detail");
  const bots = useTranslations("bots");
  const message = useErrorMessage();
  const router = useRouter();
  const bot = useBot(botId);
  const rotate = useRotateKey(botId);
  const remove = useDeleteBot();
  const [confirm, setConfirm] = useState<"rotate" | "delete" | null>(null);

  if (bot.isError) return <ErrorState error={bot.error} onRetry={() => bot.refetch()} />;
  if (!bot.data) return <PageSkeleton variant="form" />;
  const data = bot.data;

  return (
    <div className="space-y-6">
      <PageHeader
        title={
          <span className="flex items-center gap-3">
            {data.name}
            <Badge variant={data.is_active ? "success" : "outline"}>{data.is_active ? bots("active") : bots("inactive")}</Badge>
          </span>
        }
        description={t("subtitle")}
        actions={
          <Button asChild variant="outline">
            <Link href={`/dashboard/settings?tab=whatsapp&bot=${botId}`}>
              <MessageCircle /> {t("whatsapp")}
            </Link>
          </Button>
        }
      />
      <BotSubnav botId={botId} />

      <BotForm key={data.id} bot={data} />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <EmbedSnippet publicKey={data.public_key} />
        <Card className="border-destructive/30">
          <CardHeader>
            <CardTitle className="text-lg">{t("danger.title")}</CardTitle>
            <CardDescription>{t("danger.subtitle")}</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-muted-foreground">{t("danger.rotateHint")}</p>
              <Button variant="outline" onClick={() => setConfirm("rotate")} data-testid="rotate-key">
                <RefreshCw /> {t("danger.rotate")}
              </Button>
            </div>
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <p className="text-sm text-muted-foreground">{t("danger.deleteHint")}</p>
              <Button variant="destructive" onClick={() => setConfirm("delete")} data-testid="delete-bot">
                <Trash2 /> {t("danger.delete")}
              </Button>
            </div>
          </CardContent>
        </Card>
      </div>

      <ConfirmDialog
        open={confirm === "rotate"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t("danger.rotateConfirmTitle")}
        description={t("danger.rotateConfirmBody")}
        confirmLabel={t("danger.rotate")}
        pending={rotate.isPending}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              toast.success(t("danger.rotated"));
              setConfirm(null);
            },
            onError: (error) => toast.error(message(error)),
          })
        }
      />
      <ConfirmDialog
        open={confirm === "delete"}
        onOpenChange={(open) => !open && setConfirm(null)}
        title={t("danger.deleteConfirmTitle", { name: data.name })}
        description={t("danger.deleteConfirmBody")}
        confirmLabel={t("danger.delete")}
        pending={remove.isPending}
        onConfirm={() =>
          remove.mutate(botId, {
            onSuccess: () => {
              toast.success(t("danger.deleted"));
              router.replace("/dashboard/bots");
            },
            onError: (error) => toast.error(message(error)),
          })
        }
      />
    </div>
  );
}
