import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { BotsView } from "@/components/bots/bots-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("bots");
  return { title: t("title") };
}

export default function BotsPage() {
  return <BotsView />;
}
