import { useTranslations } from "next-intl";

import { LegalLinks } from "@/components/shared/legal-links";

/** The dashboard's small footer: the legal texts the business agreed to. */
export function DashboardFooter() {
  const t = useTranslations("marketing.footer");
  return (
    <footer className="border-t" data-testid="dashboard-footer">
      <div className="mx-auto flex w-full max-w-7xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-4 text-xs sm:px-6 lg:px-8">
        <p className="text-muted-foreground">{t("rights", { year: new Date().getFullYear() })}</p>
        <LegalLinks />
      </div>
    </footer>
  );
}
