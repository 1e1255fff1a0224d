"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

import { botSections } from "@/config/dashboard";
import { cn } from "@/lib/utils";

/** Tabs between a bot's pages (settings, knowledge, conversations). */
export function BotSubnav({ botId }: { botId: string }) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const base = `/dashboard/bots/${botId}`;
  return (
    <nav aria-label={t("botSections")} className="inline-flex h-10 max-w-full items-center overflow-x-auto rounded-xl bg-muted p-1">
      {botSections.map((section) => {
        const href = `${base}${section.segment}`;
        const active = pathname === href;
        return (
          <Link
            key={section.label}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap text-muted-foreground transition-all duration-200 outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50",
              active ? "bg-background text-foreground shadow-sm" : "hover:text-foreground",
            )}
          >
            {t(section.label)}
          </Link>
        );
      })}
    </nav>
  );
}
