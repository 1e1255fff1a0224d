"use client";

import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Switch } from "@/components/ui/switch";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useHandoff } from "@/lib/api/hooks/conversations";
import type { Conversation } from "@/lib/api/types";

/** "Pause the bot": the conversation is handed to the team (on) or given back to the bot (off). */
export function HandoffToggle({ conversation }: { conversation: Conversation }) {
  const t = useTranslations("conversations");
  const message = useErrorMessage();
  const handoff = useHandoff(conversation.id);
  return (
    <label className="flex shrink-0 items-center gap-2 text-sm">
      <span>{t("pauseBot")}</span>
      <Switch
        checked={conversation.status === "handed_off"}
        disabled={handoff.isPending || conversation.status === "closed"}
        onCheckedChange={(active) =>
          handoff.mutate(active, {
            onSuccess: () => toast.success(active ? t("paused") : t("resumed")),
            onError: (error) => toast.error(message(error)),
          })
        }
        aria-label={t("pauseBot")}
        data-testid="handoff-toggle"
      />
    </label>
  );
}
