"use client";

import { CloudOff, TriangleAlert, RotateCw } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { isApiError } from "@/lib/api/problem";
import { cn } from "@/lib/utils";

/** Shown in place of data that failed to load; says plainly when the API is down. */
export function ErrorState({ error, onRetry, className }: { error: unknown; onRetry?: () => void; className?: string }) {
  const t = useTranslations("errors");
  const common = useTranslations("common");
  const message = useErrorMessage();
  const offline = isApiError(error) && (error.isNetwork || error.status === 502 || error.status === 503);
  const Icon = offline ? CloudOff : TriangleAlert;
  return (
    <div
      role="alert"
      data-testid="error-state"
      className={cn(
        "flex flex-col items-center justify-center gap-4 rounded-2xl border border-destructive/30 bg-destructive/5 px-6 py-12 text-center",
        className,
      )}
    >
      <div className="flex size-12 items-center justify-center rounded-2xl bg-destructive/10 text-destructive">
        <Icon className="size-6" aria-hidden />
      </div>
      <div className="max-w-md space-y-1">
        <p className="font-semibold">{offline ? t("offlineTitle") : t("loadFailedTitle")}</p>
        <p className="text-sm text-muted-foreground">{offline ? t("offlineBody") : message(error)}</p>
      </div>
      {onRetry && (
        <Button variant="outline" onClick={onRetry}>
          <RotateCw />
          {common("retry")}
        </Button>
      )}
    </div>
  );
}
