import { Bot, Clock, Database, MessageSquareText, UserPlus, Zap, type LucideIcon } from "lucide-react";

/** Landing page feature cards; `id` is a key under `marketing.features`. */
export const features: readonly { id: "alwaysOn" | "leads" | "knowledge" | "channels"; icon: LucideIcon }[] = [
  { id: "alwaysOn", icon: Clock },
  { id: "leads", icon: UserPlus },
  { id: "knowledge", icon: Database },
  { id: "channels", icon: MessageSquareText },
];

export const steps: readonly { id: "create" | "teach" | "connect"; icon: LucideIcon }[] = [
  { id: "create", icon: Bot },
  { id: "teach", icon: Database },
  { id: "connect", icon: Zap },
];

/** Plans; prices in Turkish lira per month, texts under `pricing.plans.<id>`. */
export const plans = [
  { id: "starter", price: 990, highlighted: false, features: ["bots1", "messages1000", "widget", "knowledge200"] },
  { id: "pro", price: 2490, highlighted: true, features: ["bots3", "messages5000", "whatsapp", "knowledge2000", "leads"] },
  {
    id: "business",
    price: 5990,
    highlighted: false,
    features: ["botsUnlimited", "messages25000", "whatsapp", "handoff", "support"],
  },
] as const;

export type PlanFeature = (typeof plans)[number]["features"][number];

export const faqIds = ["what", "whatsapp", "train", "handoff", "languages", "security"] as const;

/** The legal texts, each a page of the marketing site; `id` is a key under `legal`. */
export const legalPages = [
  { id: "privacy", href: "/gizlilik" },
  { id: "terms", href: "/kullanim-kosullari" },
  { id: "dpa", href: "/veri-isleme-sozlesmesi" },
] as const;

export type LegalDoc = (typeof legalPages)[number]["id"];

/** The day the legal texts were last changed (shown on each page). */
export const legalUpdated = "2026-11-29";
