"use client";

import type { ReactNode } from "react";
import { Plus } from "lucide-react";

import { Button } from "@/components/ui/button";
import { SectionCard } from "@/components/shared/section-card";
import { useValidationMessage } from "@/components/shared/use-validation-message";

/**
 * A calendar section listing editable entries: title and subtitle, an empty note, one row per
 * entry, the list's own error (untranslated), and an add button disabled at the limit.
 */
export function EntryList<Row extends { id: string }>({
  t,
  addTestId,
  rows,
  limit,
  error,
  onAdd,
  renderRow,
}: {
  /** The section's messages: `title`, `subtitle`, `empty` and `add`. */
  t: (key: "title" | "subtitle" | "empty" | "add") => string;
  addTestId: string;
  rows: Row[];
  limit: number;
  error: string | undefined;
  onAdd: () => void;
  renderRow: (row: Row, index: number) => ReactNode;
}) {
  const translate = useValidationMessage();
  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} contentClassName="space-y-4">
      {rows.length === 0 && <p className="text-sm text-muted-foreground">{t("empty")}</p>}
      {rows.map(renderRow)}
      {error && (
        <p role="alert" className="text-xs text-destructive">
          {translate(error)}
        </p>
      )}
      <Button type="button" variant="outline" disabled={rows.length >= limit} onClick={onAdd} data-testid={addTestId}>
        <Plus /> {t("add")}
      </Button>
    </SectionCard>
  );
}
