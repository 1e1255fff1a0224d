import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { LeadsView } from "@/components/leads/leads-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("leads");
  return { title: t("title") };
}

export default function LeadsPage() {
  return <LeadsView />;
}
