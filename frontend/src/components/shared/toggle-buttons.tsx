"use client";

import { tabsListClass, tabsTriggerClass } from "@/components/ui/tabs";
import { cn } from "@/lib/utils";

/**
 * One choice among a few, drawn like tabs but switching how the content below is shown (no
 * panels): a labelled group of toggle buttons, the chosen one pressed (none when `value` is
 * null: a choice made elsewhere, such as a range typed in).
 */
export function ToggleButtons<V extends string | number>({
  label,
  value,
  options,
  onChange,
  className,
  buttonClassName,
  testId,
}: {
  label: string;
  value: V | null;
  options: ReadonlyArray<{ value: V; label: string; testId?: string }>;
  onChange: (value: V) => void;
  className?: string;
  buttonClassName?: string;
  testId?: string;
}) {
  return (
    <div role="group" aria-label={label} className={cn(tabsListClass, className)} data-testid={testId}>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          data-state={value === option.value ? "active" : "inactive"}
          onClick={() => onChange(option.value)}
          className={cn(tabsTriggerClass, buttonClassName)}
          data-testid={option.testId}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
