import { Skeleton } from "@/components/ui/skeleton";

/** Route-level loading placeholder shaped like the page it stands in for. */
export function PageSkeleton({ variant = "table" }: { variant?: "cards" | "table" | "form" | "chat" }) {
  return (
    <div className="space-y-8" aria-busy="true">
      <div className="space-y-2">
        <Skeleton className="h-8 w-56" />
        <Skeleton className="h-4 w-80 max-w-full" />
      </div>
      {variant === "cards" && (
        <>
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-28 rounded-2xl" />
            ))}
          </div>
          <Skeleton className="h-72 rounded-2xl" />
        </>
      )}
      {variant === "table" && <TableSkeleton rows={6} />}
      {variant === "form" && (
        <div className="grid gap-6 lg:grid-cols-[1fr_380px]">
          <Skeleton className="h-[520px] rounded-2xl" />
          <Skeleton className="h-[420px] rounded-2xl" />
        </div>
      )}
      {variant === "chat" && (
        <div className="grid gap-4 lg:grid-cols-[340px_1fr]">
          <Skeleton className="h-[520px] rounded-2xl" />
          <Skeleton className="h-[520px] rounded-2xl" />
        </div>
      )}
    </div>
  );
}

export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="space-y-3 rounded-2xl border bg-card p-4 shadow-sm" aria-busy="true" data-testid="table-skeleton">
      <Skeleton className="h-5 w-full" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className="h-10 w-full" />
      ))}
    </div>
  );
}
