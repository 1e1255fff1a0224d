import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { SettingsView, type SettingsTab } from "@/components/settings/settings-view";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

const tabs: readonly SettingsTab[] = ["profile", "security", "notifications", "tenant", "team", "replies", "whatsapp", "privacy"];

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ tab?: string; bot?: string }> }) {
  const { tab, bot } = await searchParams;
  const initialTab = tabs.find((t) => t === tab) ?? "profile";
  return <SettingsView initialTab={initialTab} initialBotId={bot ?? null} />;
}
