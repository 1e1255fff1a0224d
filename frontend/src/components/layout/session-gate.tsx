"use client";

import { useEffect, useState } from "react";
import { usePathname, useRouter } from "next/navigation";

import { ErrorState } from "@/components/shared/error-state";
import { refreshSession } from "@/lib/session";
import { useSessionStore } from "@/stores/session";

/**
 * Client-side guard for /dashboard: restores the session from the refresh
 * cookie on first load, and leaves for /login when that is impossible or the
 * session ends later (logout, revoked token). When the API cannot be reached
 * it says so instead of pretending the user is logged out.
 */
export function SessionGate({ children, fallback }: { children: React.ReactNode; fallback: React.ReactNode }) {
  const status = useSessionStore((s) => s.status);
  const router = useRouter();
  const pathname = usePathname();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (status === "unknown" && error === null) {
      refreshSession().catch(setError);
    }
  }, [status, error]);

  useEffect(() => {
    if (status === "unauthenticated") {
      router.replace(`/login?next=${encodeURIComponent(pathname)}`);
    }
  }, [status, router, pathname]);

  if (status === "authenticated") return children;
  if (error !== null) {
    return (
      <div className="mx-auto max-w-xl p-6 pt-24">
        <ErrorState error={error} onRetry={() => setError(null)} />
      </div>
    );
  }
  return fallback;
}
