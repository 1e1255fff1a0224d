"use client";

import { Bell, X } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import {
  dismissNotificationPrompt,
  requestNotifications,
  useNotificationPermission,
  useNotificationPromptDismissed,
} from "@/lib/inbox-alerts";

/**
 * "Turn on desktop notifications": asks for the permission only when clicked, never on its own.
 * Gone once the user answered the browser, or closed it.
 */
export function NotificationPrompt() {
  const t = useTranslations("inbox.alerts");
  const permission = useNotificationPermission();
  const dismissed = useNotificationPromptDismissed();
  if (permission !== "default" || dismissed) return null;
  return (
    <div className="flex items-center gap-2 rounded-xl border border-primary/30 bg-accent/60 py-1 pr-1 pl-3 text-sm" data-testid="notification-prompt">
      <Bell className="size-4 shrink-0 text-primary" aria-hidden />
      <Button
        variant="link"
        size="sm"
        className="h-auto min-w-0 flex-1 justify-start px-0 text-left whitespace-normal"
        onClick={() => void requestNotifications()}
        data-testid="enable-notifications"
      >
        {t("enable")}
      </Button>
      <Button variant="ghost" size="icon" className="size-8" aria-label={t("dismiss")} onClick={dismissNotificationPrompt}>
        <X />
      </Button>
    </div>
  );
}
