import { Skeleton } from "@/components/ui/skeleton";

/** Shown while the session is restored from the refresh cookie. */
export function DashboardSkeleton() {
  return (
    <div aria-busy="true">
      <div className="flex h-16 items-center gap-3 border-b px-4 sm:px-6">
        <Skeleton className="h-5 w-40" />
        <Skeleton className="ml-auto size-9 rounded-full" />
      </div>
      <div className="mx-auto max-w-7xl space-y-6 px-4 py-8 sm:px-6 lg:px-8">
        <Skeleton className="h-8 w-56" />
        <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-28 rounded-2xl" />
          ))}
        </div>
        <Skeleton className="h-72 rounded-2xl" />
      </div>
    </div>
  );
}
