import Link from "next/link";
import { getTranslations } from "next-intl/server";

import { LegalLinks } from "@/components/shared/legal-links";
import { Logo } from "@/components/shared/logo";

export async function SiteFooter() {
  const t = await getTranslations("marketing.footer");
  const nav = await getTranslations("marketing.nav");
  return (
    <footer className="border-t">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="space-y-2">
          <Logo />
          <p className="text-sm text-muted-foreground">{t("tagline")}</p>
        </div>
        <div className="space-y-3">
          <nav aria-label={t("navLabel")} className="flex flex-wrap gap-6 text-sm text-muted-foreground">
            <Link href="/pricing" className="hover:text-foreground">
              {nav("pricing")}
            </Link>
            <Link href="/#faq" className="hover:text-foreground">
              {nav("faq")}
            </Link>
            <Link href="/login" className="hover:text-foreground">
              {nav("login")}
            </Link>
          </nav>
          <LegalLinks className="text-sm" />
        </div>
        <p className="text-xs text-muted-foreground">{t("rights", { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}
