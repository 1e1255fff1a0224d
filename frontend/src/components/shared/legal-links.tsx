import Link from "next/link";
import { useTranslations } from "next-intl";

import { legalPages } from "@/config/site";
import { cn } from "@/lib/utils";

/** Links to the legal texts (privacy notice, terms of use, data processing agreement), a navigation of their own. */
export function LegalLinks({ className }: { className?: string }) {
  const t = useTranslations("legal");
  return (
    <nav aria-label={t("navLabel")} className={cn("flex flex-wrap gap-x-6 gap-y-2 text-muted-foreground", className)}>
      {legalPages.map(({ id, href }) => (
        <Link key={id} href={href} className="underline-offset-4 hover:text-foreground hover:underline">
          {t(`links.${id}`)}
        </Link>
      ))}
    </nav>
  );
}
