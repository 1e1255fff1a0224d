import type { LucideIcon } from "lucide-react";

import { cn } from "@/lib/utils";

const tones = {
  error: { box: "border-destructive/30 bg-destructive/5 text-destructive", icon: undefined },
  success: { box: "border-success/30 bg-success/5 text-success", icon: undefined },
  info: { box: "border-primary/30 bg-accent/60", icon: "text-primary" },
  warning: { box: "border-warning/30 bg-warning/10", icon: "text-warning" },
} satisfies Record<string, { box: string; icon?: string }>;

/**
 * A bordered, tinted line of news inside a page or form: an icon (hidden from screen readers)
 * and the text, which the caller wraps (a `span`, or a `div` of paragraphs). `role` says how it
 * is announced: "alert" for problems, "status" for outcomes, "note" for standing advice.
 */
export function Notice({
  tone,
  icon: Icon,
  role,
  testId,
  className,
  children,
}: {
  tone: keyof typeof tones;
  icon: LucideIcon;
  role: "alert" | "status" | "note";
  testId?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role={role}
      data-testid={testId}
      className={cn("flex items-start gap-2 rounded-xl border px-3 py-2.5 text-sm", tones[tone].box, className)}
    >
      <Icon className={cn("mt-0.5 size-4 shrink-0", tones[tone].icon)} aria-hidden />
      {children}
    </div>
  );
}
