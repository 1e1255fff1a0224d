"use client";

import { useState } from "react";
import { Bot as BotIcon, MessageCircle, RotateCw, Send, X } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { apiBaseUrl, widgetBaseUrl } from "@/lib/env";
import type { BotLanguage, WidgetPosition } from "@/lib/api/types";
import { cn, textOnColor } from "@/lib/utils";

type PreviewProps = {
  publicKey: string;
  name: string;
  welcomeMessage: string;
  color: string;
  position: WidgetPosition;
  language: BotLanguage;
};

/** The unsaved form values drawn as the widget would show them. */
function MockWidget({ name, welcomeMessage, color, position }: Omit<PreviewProps, "publicKey" | "language">) {
  const t = useTranslations("bots.preview");
  // As the widget does: white or slate text on the bot's colour, whichever reads better.
  const onColor = { backgroundColor: color, color: textOnColor(color) };
  return (
    <div className="relative h-[460px] overflow-hidden rounded-xl border bg-gradient-to-br from-muted/70 to-background" data-testid="widget-mock">
      <div className="space-y-2 p-4" aria-hidden>
        <div className="h-3 w-1/2 rounded bg-muted" />
        <div className="h-3 w-3/4 rounded bg-muted" />
        <div className="h-3 w-2/5 rounded bg-muted" />
      </div>
      <div className={cn("absolute bottom-20 w-[85%] overflow-hidden rounded-2xl border bg-background shadow-xl", position === "left" ? "left-3" : "right-3")}>
        <div className="flex items-center gap-2 px-4 py-3" style={onColor}>
          <span className="flex size-8 items-center justify-center rounded-full bg-current/15">
            <BotIcon className="size-4" aria-hidden />
          </span>
          <div className="min-w-0 flex-1">
            <p className="truncate text-sm font-semibold">{name}</p>
            <p className="text-xs">{t("online")}</p>
          </div>
          <X className="size-4 opacity-80" aria-hidden />
        </div>
        <div className="space-y-2 p-3 text-sm">
          {welcomeMessage && <p className="max-w-[85%] rounded-2xl rounded-bl-sm bg-muted px-3 py-2">{welcomeMessage}</p>}
          <p className="ml-auto max-w-[75%] rounded-2xl rounded-br-sm px-3 py-2" style={onColor}>
            {t("sampleQuestion")}
          </p>
        </div>
        <div className="flex items-center gap-2 border-t px-3 py-2">
          <span className="flex-1 truncate text-xs text-muted-foreground">{t("placeholder")}</span>
          <Send className="size-4" style={{ color }} aria-hidden />
        </div>
      </div>
      <span
        className={cn("absolute bottom-4 flex size-12 items-center justify-center rounded-full shadow-lg", position === "left" ? "left-3" : "right-3")}
        style={onColor}
        aria-hidden
      >
        <MessageCircle className="size-5" />
      </span>
    </div>
  );
}

/** A page of its own that loads the real widget.js with the bot's saved settings. */
function liveDocument(publicKey: string) {
  const attr = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>html,body{margin:0;height:100%;font-family:system-ui,sans-serif;background:#f8fafc}</style></head><body><script src="${attr(widgetBaseUrl)}/widget.js" data-bot-key="${attr(publicKey)}" data-api="${attr(apiBaseUrl)}" async></script></body></html>`;
}

export function WidgetPreview(props: PreviewProps) {
  const t = useTranslations("bots.preview");
  const [reloads, setReloads] = useState(0);
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{t("title")}</CardTitle>
        <CardDescription>{t("subtitle")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Tabs defaultValue="mock">
          <TabsList className="w-full">
            <TabsTrigger value="mock">{t("mockTab")}</TabsTrigger>
            <TabsTrigger value="live" data-testid="preview-live-tab">
              {t("liveTab")}
            </TabsTrigger>
          </TabsList>
          <TabsContent value="mock">
            <MockWidget {...props} />
          </TabsContent>
          <TabsContent value="live" className="space-y-2">
            <iframe
              key={`${props.publicKey}-${reloads}`}
              title={t("liveTitle")}
              srcDoc={liveDocument(props.publicKey)}
              className="h-[460px] w-full rounded-xl border bg-background"
              data-testid="widget-live"
            />
            <div className="flex items-start justify-between gap-2">
              <p className="text-xs text-muted-foreground">{t("liveHint")}</p>
              <Button type="button" variant="ghost" size="sm" onClick={() => setReloads((n) => n + 1)}>
                <RotateCw /> {t("reload")}
              </Button>
            </div>
          </TabsContent>
        </Tabs>
      </CardContent>
    </Card>
  );
}
