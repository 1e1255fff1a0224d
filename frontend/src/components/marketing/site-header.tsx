import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { Button } from "@/components/ui/button";
import { LocaleToggle } from "@/components/shared/locale-toggle";
import { Logo } from "@/components/shared/logo";
import { ThemeToggle } from "@/components/shared/theme-toggle";

export async function SiteHeader() {
  const t = await getTranslations("marketing.nav");
  return (
    <header className="sticky top-0 z-40 border-b bg-background/80 backdrop-blur supports-[backdrop-filter]:bg-background/70">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-6 px-4 sm:px-6">
        <Logo />
        <nav className="hidden items-center gap-6 text-sm text-muted-foreground md:flex">
          <Link href="/#features" className="transition-colors hover:text-foreground">
            {t("features")}
          </Link>
          <Link href="/pricing" className="transition-colors hover:text-foreground">
            {t("pricing")}
          </Link>
          <Link href="/#faq" className="transition-colors hover:text-foreground">
            {t("faq")}
          </Link>
        </nav>
        <div className="ml-auto flex items-center gap-1 sm:gap-2">
          <LocaleToggle />
          <ThemeToggle />
          <Button asChild variant="ghost" className="hidden sm:inline-flex">
            <Link href="/login">{t("login")}</Link>
          </Button>
          <Button asChild>
            <Link href="/register">{t("start")}</Link>
          </Button>
        </div>
      </div>
    </header>
  );
}
