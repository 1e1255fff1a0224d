import { getTranslations } from "next-intl/server";
import { Sparkles } from "lucide-react";

import { Logo } from "@/components/shared/logo";
import { SidebarNav } from "@/components/layout/sidebar-nav";

/** Desktop sidebar; on small screens the same nav lives in MobileNav's sheet. */
export async function Sidebar() {
  const t = await getTranslations("nav");
  return (
    <aside className="sticky top-0 hidden h-dvh w-64 shrink-0 flex-col gap-8 border-r bg-sidebar px-4 py-6 lg:flex">
      <Logo href="/dashboard" className="px-2" />
      <SidebarNav />
      <div className="mt-auto rounded-2xl border bg-card p-4 text-sm shadow-sm">
        <div className="mb-1 flex items-center gap-2 font-medium">
          <Sparkles className="size-4 text-primary" aria-hidden />
          {t("tipTitle")}
        </div>
        <p className="text-xs text-muted-foreground">{t("tipBody")}</p>
      </div>
    </aside>
  );
}
