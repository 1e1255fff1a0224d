import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { AppointmentsView } from "@/components/appointments/appointments-view";
import type { CalendarView } from "@/lib/appointments/time";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("appointments");
  return { title: t("title") };
}

const views: readonly CalendarView[] = ["week", "day", "list"];

export default async function AppointmentsPage({
  searchParams,
}: {
  searchParams: Promise<{ bot?: string; view?: string; appointment?: string }>;
}) {
  const { bot, view, appointment } = await searchParams;
  return (
    <AppointmentsView
      initialBotId={bot ?? null}
      initialView={views.find((v) => v === view) ?? "week"}
      initialAppointmentId={appointment && /^[0-9a-hjkmnp-tv-z]{26}$/.test(appointment) ? appointment : null}
    />
  );
}
