"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";

const all = "all";

/**
 * A list filter: "all" (null) or one of `options`. `fitWidth` reserves the width of the longest
 * label so the trigger does not change size with the choice.
 */
export function FilterSelect<V extends string>({
  value,
  onChange,
  allLabel,
  options,
  label,
  className,
  fitWidth = false,
  testId,
  id,
}: {
  value: V | null | undefined;
  onChange: (value: V | null) => void;
  allLabel: string;
  options: ReadonlyArray<{ value: V; label: string }>;
  label: string;
  className?: string;
  fitWidth?: boolean;
  testId?: string;
  /** For a visible `<Label htmlFor>`; `label` still names it. */
  id?: string;
}) {
  return (
    <Select value={value ?? all} onValueChange={(v) => onChange(v === all ? null : (v as V))}>
      <SelectTrigger
        id={id}
        className={className}
        aria-label={label}
        widthOf={fitWidth ? [allLabel, ...options.map((o) => o.label)] : undefined}
        data-testid={testId}
      >
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        <SelectItem value={all}>{allLabel}</SelectItem>
        {options.map((o) => (
          <SelectItem key={o.value} value={o.value}>
            {o.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
