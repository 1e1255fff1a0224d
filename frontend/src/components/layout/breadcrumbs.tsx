"use client";

import { Fragment } from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

import {
  Breadcrumb,
  BreadcrumbItem,
  BreadcrumbLink,
  BreadcrumbList,
  BreadcrumbPage,
  BreadcrumbSeparator,
} from "@/components/ui/breadcrumb";
import { useBot } from "@/lib/api/hooks/bots";

const sectionLabels = {
  dashboard: "overview",
  bots: "bots",
  knowledge: "knowledge",
  conversations: "conversations",
  leads: "leads",
  appointments: "appointments",
  calendar: "calendar",
  settings: "settings",
} as const;

function isSection(segment: string): segment is keyof typeof sectionLabels {
  return segment in sectionLabels;
}

function BotName({ botId }: { botId: string }) {
  const t = useTranslations("nav");
  const { data } = useBot(botId);
  return <>{data?.name ?? t("bot")}</>;
}

/** Path-derived breadcrumb; a bot id shows as the bot's name. */
export function Breadcrumbs() {
  const t = useTranslations("nav");
  const pathname = usePathname();
  const segments = pathname.split("/").filter(Boolean);

  const crumbs = segments.map((segment, index) => {
    const href = `/${segments.slice(0, index + 1).join("/")}`;
    // /dashboard/conversations is the team inbox; a bot's conversations stay "Konuşmalar".
    const inbox = segment === "conversations" && index === 1;
    const label = inbox ? t("inbox") : isSection(segment) ? t(sectionLabels[segment]) : <BotName botId={segment} />;
    return { href, label };
  });

  return (
    <Breadcrumb className="min-w-0" aria-label={t("breadcrumb")}>
      <BreadcrumbList className="flex-nowrap">
        {crumbs.map((crumb, index) => (
          <Fragment key={crumb.href}>
            {/* On a phone only the current page is shown, so no separator either. */}
            {index > 0 && <BreadcrumbSeparator className="hidden sm:inline-flex" />}
            <BreadcrumbItem className={index < crumbs.length - 1 ? "hidden sm:inline-flex" : "min-w-0"}>
              {index === crumbs.length - 1 ? (
                <BreadcrumbPage className="truncate">{crumb.label}</BreadcrumbPage>
              ) : (
                <BreadcrumbLink asChild>
                  <Link href={crumb.href}>{crumb.label}</Link>
                </BreadcrumbLink>
              )}
            </BreadcrumbItem>
          </Fragment>
        ))}
      </BreadcrumbList>
    </Breadcrumb>
  );
}
