"use client";

import { useState } from "react";
import { Loader2, MailWarning } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { reloadUser, useResendVerification, useWatchVerification } from "@/lib/api/hooks/account";
import { isApiError } from "@/lib/api/problem";
import { cn } from "@/lib/utils";
import { useSessionStore } from "@/stores/session";

/**
 * Shown across the dashboard until the signed-in user's address is verified: bots can be built
 * and tested, but WhatsApp and the widget on other sites wait for it.
 */
export function VerifyEmailBanner() {
  const t = useTranslations("emailVerification");
  const message = useErrorMessage();
  const user = useSessionStore((s) => s.user);
  const resend = useResendVerification();
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  useWatchVerification();

  if (!user || user.email_verified) return null;

  function send() {
    setNote(null);
    resend.mutate(undefined, {
      onSuccess: () => setNote({ ok: true, text: t("sent", { email: user?.email ?? "" }) }),
      onError: (error) => {
        if (isApiError(error) && error.code === "already_verified") {
          // Verified in another tab or browser meanwhile: the reloaded user hides the banner.
          void reloadUser();
        } else if (isApiError(error) && error.status === 429) {
          const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null;
          setNote({ ok: false, text: minutes ? t("tooManyMinutes", { minutes }) : t("tooMany") });
        } else {
          setNote({ ok: false, text: message(error) });
        }
      },
    });
  }

  return (
    <section
      aria-label={t("label")}
      data-testid="verify-banner"
      className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-warning/30 bg-warning/10 px-4 py-2.5 text-sm sm:px-6"
    >
      <MailWarning className="size-4 shrink-0 text-warning" aria-hidden />
      <p className="min-w-0 flex-1 font-medium">{t("banner")}</p>
      <Button size="sm" variant="outline" onClick={send} disabled={resend.isPending} data-testid="resend-verification">
        {resend.isPending && <Loader2 className="animate-spin" />}
        {t("resend")}
      </Button>
      {/* Always in the page, so screen readers announce what appears in it. */}
      <p
        role="status"
        data-testid="resend-verification-status"
        className={cn("basis-full empty:hidden", note?.ok ? "text-success" : "text-destructive")}
      >
        {note?.text}
      </p>
    </section>
  );
}
