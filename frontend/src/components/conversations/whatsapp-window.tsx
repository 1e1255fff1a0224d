"use client";

import { Clock, FileText, Loader2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useMemo, useState } from "react";
import { toast } from "sonner";

import { FormAlert } from "@/components/shared/form-alert";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { useSendTemplate, useWhatsAppTemplates } from "@/lib/api/hooks/conversations";
import type { Conversation, WhatsAppTemplate } from "@/lib/api/types";

/** WhatsApp's customer-service window: free-form replies for 24 hours after the customer's last message. */
const WINDOW_MS = 24 * 60 * 60 * 1000;

export function windowClosesAt(conversation: Conversation): Date | null {
  if (!conversation.last_inbound_at) return null;
  return new Date(new Date(conversation.last_inbound_at).getTime() + WINDOW_MS);
}

/** The current time, refreshed every `everyMs` (the window closes while the page is open). */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** Whether free-form replies are allowed, until when, and the way to send a template when not. */
export function WhatsAppWindow({ conversation }: { conversation: Conversation }) {
  const t = useTranslations("conversations.window");
  const format = useFormatter();
  const [open, setOpen] = useState(false);
  const now = useNow(60_000);
  const closes = windowClosesAt(conversation);
  const isOpen = closes !== null && closes.getTime() > now;
  return (
    <div
      className="flex flex-wrap items-center gap-2 border-b bg-muted/40 px-4 py-2 text-xs"
      data-testid="whatsapp-window"
      data-open={isOpen}
    >
      <Clock className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
      <span className="min-w-0 flex-1">
        {isOpen && closes
          ? t("open", { until: format.dateTime(closes, { weekday: "short", hour: "2-digit", minute: "2-digit" }) })
          : t("closed")}
      </span>
      <Button type="button" size="sm" variant={isOpen ? "ghost" : "default"} onClick={() => setOpen(true)} data-testid="send-template">
        <FileText /> {t("sendTemplate")}
      </Button>
      {open && <TemplateDialog conversation={conversation} onClose={() => setOpen(false)} />}
    </div>
  );
}

function TemplateDialog({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const t = useTranslations("conversations.window");
  const message = useErrorMessage();
  const templates = useWhatsAppTemplates(conversation.bot_id, true);
  const send = useSendTemplate(conversation.id);
  const [choice, setChoice] = useState<string>("");
  const [values, setValues] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  // One key per dialog: a retry of this send can never deliver the template twice.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const template: WhatsAppTemplate | undefined = templates.data?.find((tpl) => `${tpl.name}|${tpl.language}` === choice);
  const preview = template ? fill(template, values) : "";
  const complete = template !== undefined && values.length === template.parameters && values.every((v) => v.trim() !== "");

  function pick(value: string) {
    setChoice(value);
    const next = templates.data?.find((tpl) => `${tpl.name}|${tpl.language}` === value);
    setValues(Array.from({ length: next?.parameters ?? 0 }, () => ""));
    setError(undefined);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!template || !complete) return;
    setError(undefined);
    send.mutate(
      { name: template.name, language: template.language, parameters: values.map((v) => v.trim()), idempotencyKey },
      {
        onSuccess: () => {
          toast.success(t("sent"));
          onClose();
        },
        onError: (e) => setError(message(e)),
      },
    );
  }

  return (
    <Dialog open onOpenChange={(next) => !next && onClose()}>
      <DialogContent data-testid="template-dialog">
        <form onSubmit={submit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>{t("dialogTitle")}</DialogTitle>
            <DialogDescription>{t("dialogHint")}</DialogDescription>
          </DialogHeader>
          <FormAlert message={error ?? (templates.isError ? message(templates.error) : undefined)} />
          {templates.isPending ? (
            <Loader2 className="mx-auto animate-spin" role="img" aria-label={t("loading")} />
          ) : templates.data && templates.data.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t("none")}</p>
          ) : (
            <div className="space-y-2">
              <Label htmlFor="template-choice">{t("template")}</Label>
              <Select value={choice} onValueChange={pick}>
                <SelectTrigger id="template-choice" className="w-full" data-testid="template-choice">
                  <SelectValue placeholder={t("choose")} />
                </SelectTrigger>
                <SelectContent>
                  {templates.data?.map((tpl) => (
                    <SelectItem key={`${tpl.name}|${tpl.language}`} value={`${tpl.name}|${tpl.language}`}>
                      {tpl.name} · {tpl.language}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          )}
          {template &&
            values.map((value, i) => (
              <div key={i} className="space-y-1">
                <Label htmlFor={`template-parameter-${i}`}>{t("parameter", { n: i + 1 })}</Label>
                <Input
                  id={`template-parameter-${i}`}
                  value={value}
                  maxLength={1024}
                  onChange={(e) => setValues(values.map((v, j) => (j === i ? e.target.value.replace(/[\t\r\n]/g, " ") : v)))}
                />
              </div>
            ))}
          {template && (
            <p className="rounded-lg bg-muted p-3 text-sm whitespace-pre-wrap" data-testid="template-preview">
              {preview}
            </p>
          )}
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={onClose}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={!complete || send.isPending} data-testid="template-send">
              {send.isPending && <Loader2 className="animate-spin" />} {t("send")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** The text the customer will read: parameters in place of {{1}}…{{n}} (empty ones stay visible). */
function fill(template: WhatsAppTemplate, values: string[]): string {
  const body = template.body.replace(/\{\{(\d+)\}\}/g, (whole, n: string) => values[Number(n) - 1]?.trim() || whole);
  return template.header ? `${template.header}\n${body}` : body;
}
