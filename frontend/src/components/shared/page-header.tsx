import { cn } from "@/lib/utils";

/** A page's title (an h1), or with `level={2}` a section's, with its description and actions. */
export function PageHeader({
  title,
  description,
  actions,
  className,
  level = 1,
  titleId,
}: {
  title: React.ReactNode;
  description?: React.ReactNode;
  actions?: React.ReactNode;
  className?: string;
  level?: 1 | 2;
  titleId?: string;
}) {
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <div className={cn("flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between", className)}>
      <div className="min-w-0 space-y-1">
        <Heading
          id={titleId}
          className={cn("truncate font-semibold tracking-tight", level === 1 ? "text-2xl sm:text-3xl" : "text-xl sm:text-2xl")}
        >
          {title}
        </Heading>
        {description && <p className="text-sm text-muted-foreground sm:text-base">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}
