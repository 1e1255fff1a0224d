"use client";

import { Menu } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Sheet, SheetContent, SheetDescription, SheetHeader, SheetTitle, SheetTrigger } from "@/components/ui/sheet";
import { SidebarNav } from "@/components/layout/sidebar-nav";
import { Logo } from "@/components/shared/logo";
import { useLayoutStore } from "@/stores/layout";

export function MobileNav() {
  const t = useTranslations("nav");
  const common = useTranslations("common");
  const open = useLayoutStore((s) => s.mobileNavOpen);
  const setOpen = useLayoutStore((s) => s.setMobileNavOpen);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t("open")} data-testid="mobile-nav-trigger">
          <Menu />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72 px-4" closeLabel={common("close")}>
        <SheetHeader className="px-2 pt-6">
          <SheetTitle asChild>
            <div>
              <Logo href="/dashboard" />
            </div>
          </SheetTitle>
          <SheetDescription className="sr-only">{t("label")}</SheetDescription>
        </SheetHeader>
        <SidebarNav onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
