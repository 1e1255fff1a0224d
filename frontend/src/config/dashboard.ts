import { BookOpen, Bot, CalendarDays, LayoutDashboard, MessagesSquare, Settings, Users, type LucideIcon } from "lucide-react";

import type { Lead } from "@/lib/api/types";

/** A sidebar entry; `label` is a key of the `nav` messages. */
export type NavItem = {
  label: "overview" | "bots" | "knowledge" | "inbox" | "appointments" | "leads" | "settings";
  href: string;
  icon: LucideIcon;
  /** Whether the entry is the current section for a pathname. */
  isActive: (pathname: string) => boolean;
};

export const dashboardNav: readonly NavItem[] = [
  { label: "overview", href: "/dashboard", icon: LayoutDashboard, isActive: (p) => p === "/dashboard" },
  {
    label: "bots",
    href: "/dashboard/bots",
    icon: Bot,
    isActive: (p) => p.startsWith("/dashboard/bots") && !/\/(knowledge|conversations|calendar)$/.test(p),
  },
  {
    label: "knowledge",
    href: "/dashboard/knowledge",
    icon: BookOpen,
    isActive: (p) => p.startsWith("/dashboard/knowledge") || /^\/dashboard\/bots\/[^/]+\/knowledge$/.test(p),
  },
  {
    label: "inbox",
    href: "/dashboard/conversations",
    icon: MessagesSquare,
    isActive: (p) => p.startsWith("/dashboard/conversations") || /^\/dashboard\/bots\/[^/]+\/conversations$/.test(p),
  },
  {
    label: "appointments",
    href: "/dashboard/appointments",
    icon: CalendarDays,
    isActive: (p) => p.startsWith("/dashboard/appointments") || /^\/dashboard\/bots\/[^/]+\/calendar$/.test(p),
  },
  { label: "leads", href: "/dashboard/leads", icon: Users, isActive: (p) => p.startsWith("/dashboard/leads") },
  { label: "settings", href: "/dashboard/settings", icon: Settings, isActive: (p) => p.startsWith("/dashboard/settings") },
];

/** A conversation opened in the team inbox (from a lead, an appointment, a knowledge gap or the overview). */
export function conversationHref(conversationId: string): string {
  return `/dashboard/conversations?c=${conversationId}`;
}

/**
 * A lead on the leads page: the list searched for its contact (phone, else address, else name;
 * the API's search takes 200 characters) with the lead's row marked (`?lead=&q=`).
 */
export function leadHref(lead: Pick<Lead, "id" | "name" | "email" | "phone">): string {
  const query = new URLSearchParams({ lead: lead.id });
  const contact = (lead.phone || lead.email || lead.name).trim().slice(0, 200);
  if (contact) query.set("q", contact);
  return `/dashboard/leads?${query}`;
}

/** Pages a bot has, in the order of its tabs. */
export const botSections = [
  { label: "settings", segment: "" },
  { label: "knowledge", segment: "/knowledge" },
  { label: "conversations", segment: "/conversations" },
  { label: "calendar", segment: "/calendar" },
] as const;
