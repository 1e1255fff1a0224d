import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { LeadsView } from "@/components/leads/leads-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("leads");
  return { title: t("title") };
}

/** `?q=` fills the search box; `?lead=` marks that lead's row (links from a conversation's contact). */
export default async function LeadsPage({ searchParams }: { searchParams: Promise<{ q?: string; lead?: string }> }) {
  const { q, lead } = await searchParams;
  const search = typeof q === "string" ? q.trim().slice(0, 200) : "";
  const marked = typeof lead === "string" ? lead : null;
  return <LeadsView key={`${search}|${marked ?? ""}`} initialSearch={search} markedId={marked} />;
}
