"use client";

import { RotateCw } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";

/** A quiet line where a side panel's part failed to load, with a way to ask again. */
export function InlineRetry({ message, onRetry }: { message: string; onRetry: () => void }) {
  const common = useTranslations("common");
  return (
    <div className="flex items-center justify-between gap-2 text-sm text-muted-foreground" role="alert">
      <span>{message}</span>
      <Button type="button" variant="ghost" size="sm" onClick={onRetry}>
        <RotateCw /> {common("retry")}
      </Button>
    </div>
  );
}
