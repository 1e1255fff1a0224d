"use client";

import { useId, useState } from "react";
import { CalendarSync, Link2, Loader2, RotateCw, ShieldAlert, TriangleAlert, Unlink } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Skeleton } from "@/components/ui/skeleton";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { CopyButton } from "@/components/shared/copy-button";
import { Notice } from "@/components/shared/notice";
import { useErrorMessage } from "@/components/shared/use-error-message";
import type { CalendarFeedLink } from "@/lib/api/calendar-feed";
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from "@/lib/api/hooks/calendar-feed";

/** "Takvim aboneliği" in the appointments page's header: opens the dialog below. */
export function CalendarFeedButton() {
  const t = useTranslations("appointments.feed");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outline" onClick={() => setOpen(true)} data-testid="calendar-feed-open">
        <CalendarSync /> {t("button")}
      </Button>
      {open && <CalendarFeedDialog onOpenChange={setOpen} />}
    </>
  );
}

/**
 * The tenant's calendar subscription (iCalendar feed, /calendar-feed): a secret URL that
 * Google Calendar, Apple Calendar or Outlook subscribe to, showing every bot's appointments
 * without a login. The URL is in the create answer only, so it is shown right after it is
 * made (until the dialog closes); later the dialog only says that a link is active, and
 * offers a new one (the old one stops working) or to revoke it.
 */
function CalendarFeedDialog({ onOpenChange }: { onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("appointments.feed");
  const common = useTranslations("common");
  const format = useFormatter();
  const message = useErrorMessage();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [link, setLink] = useState<CalendarFeedLink | null>(null);
  const [confirm, setConfirm] = useState<"replace" | "revoke" | null>(null);
  const active = feed.data?.active ?? false;
  const busy = create.isPending || revoke.isPending;

  function makeLink() {
    create.mutate(undefined, {
      onSuccess: (created) => {
        setLink(created);
        setConfirm(null);
        toast.success(t("created"));
      },
      onError: (error) => toast.error(message(error)),
    });
  }

  function revokeLink() {
    revoke.mutate(undefined, {
      onSuccess: () => {
        setLink(null);
        setConfirm(null);
        toast.success(t("revoked"));
      },
      onError: (error) => toast.error(message(error)),
    });
  }

  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl" closeLabel={common("close")} data-testid="calendar-feed">
        <DialogHeader>
          <DialogTitle className="pr-6">{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>

        <Notice tone="warning" icon={ShieldAlert} role="note">
          <div className="space-y-1">
            <p>{t("privacy")}</p>
            <p className="text-muted-foreground">{t("replaceNote")}</p>
          </div>
        </Notice>

        {feed.isPending ? (
          <Skeleton className="h-10 rounded-xl" />
        ) : feed.isError ? (
          <Notice tone="error" icon={TriangleAlert} role="alert" className="items-center">
            <span className="flex-1">{message(feed.error)}</span>
            <Button type="button" variant="outline" size="sm" onClick={() => feed.refetch()}>
              <RotateCw /> {common("retry")}
            </Button>
          </Notice>
        ) : link ? (
          <CreatedLink link={link} />
        ) : (
          <div className="space-y-1 text-sm" data-testid="calendar-feed-status" data-active={active}>
            {active ? (
              <>
                <p className="flex flex-wrap items-center gap-2">
                  <Badge variant="success">{t("active")}</Badge>
                  {feed.data.created_at &&
                    t("createdAt", { date: format.dateTime(new Date(feed.data.created_at), { dateStyle: "medium", timeStyle: "short" }) })}
                </p>
                <p className="text-muted-foreground">{t("hiddenHint")}</p>
              </>
            ) : (
              <p className="text-muted-foreground">{t("inactive")}</p>
            )}
          </div>
        )}

        <DialogFooter>
          {active && (
            <Button
              type="button"
              variant="outline"
              className="text-destructive hover:text-destructive sm:mr-auto"
              disabled={busy}
              onClick={() => setConfirm("revoke")}
              data-testid="calendar-feed-revoke"
            >
              <Unlink /> {t("revoke")}
            </Button>
          )}
          {feed.isSuccess &&
            (active ? (
              <Button type="button" variant="outline" disabled={busy} onClick={() => setConfirm("replace")} data-testid="calendar-feed-replace">
                <RotateCw /> {t("replace")}
              </Button>
            ) : (
              <Button type="button" disabled={busy} onClick={makeLink} data-testid="calendar-feed-create">
                {create.isPending ? <Loader2 className="animate-spin" /> : <Link2 />} {t("create")}
              </Button>
            ))}
        </DialogFooter>
      </DialogContent>
      <ConfirmDialog
        open={confirm === "replace"}
        onOpenChange={(isOpen) => !isOpen && setConfirm(null)}
        title={t("replaceTitle")}
        description={t("replaceBody")}
        confirmLabel={t("replace")}
        destructive={false}
        pending={create.isPending}
        onConfirm={makeLink}
      />
      <ConfirmDialog
        open={confirm === "revoke"}
        onOpenChange={(isOpen) => !isOpen && setConfirm(null)}
        title={t("revokeTitle")}
        description={t("revokeBody")}
        confirmLabel={t("revoke")}
        pending={revoke.isPending}
        onConfirm={revokeLink}
      />
    </Dialog>
  );
}

/** The new URL (read-only, selected on focus, with a copy button) and how to subscribe to it. */
function CreatedLink({ link }: { link: CalendarFeedLink }) {
  const t = useTranslations("appointments.feed");
  const inputId = useId();
  return (
    <div className="min-w-0 space-y-3">
      <div className="grid gap-1.5">
        <Label htmlFor={inputId}>{t("url")}</Label>
        <div className="flex items-center gap-2">
          <Input
            id={inputId}
            readOnly
            value={link.url}
            onFocus={(event) => event.currentTarget.select()}
            className="min-w-0 flex-1 font-mono text-xs"
            data-testid="calendar-feed-url"
          />
          <CopyButton value={link.url} size="icon" label={t("copy")} />
        </div>
        <p className="text-xs text-muted-foreground">{t("shownOnce")}</p>
      </div>
      <div className="space-y-1.5 text-sm">
        <p className="font-medium">{t("howTo")}</p>
        <ul className="list-disc space-y-1 pl-5 text-muted-foreground">
          <li>{t("google")}</li>
          <li>{t("apple")}</li>
          <li>{t("outlook")}</li>
        </ul>
        <p className="text-xs text-muted-foreground">{t("refreshNote")}</p>
      </div>
    </div>
  );
}
