import { InboxWatcher } from "@/components/inbox/inbox-watcher";
import { DashboardFooter } from "@/components/layout/dashboard-footer";
import { DashboardSkeleton } from "@/components/layout/dashboard-skeleton";
import { SessionGate } from "@/components/layout/session-gate";
import { Sidebar } from "@/components/layout/sidebar";
import { Topbar } from "@/components/layout/topbar";
import { UsageBanner } from "@/components/layout/usage-banner";
import { VerifyEmailBanner } from "@/components/layout/verify-email-banner";

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh">
      <Sidebar />
      <div className="flex min-w-0 flex-1 flex-col">
        <SessionGate fallback={<DashboardSkeleton />}>
          <InboxWatcher />
          <VerifyEmailBanner />
          <UsageBanner />
          <Topbar />
          <main className="mx-auto w-full max-w-7xl flex-1 space-y-8 px-4 py-6 sm:px-6 lg:px-8 lg:py-8">{children}</main>
          <DashboardFooter />
        </SessionGate>
      </div>
    </div>
  );
}
