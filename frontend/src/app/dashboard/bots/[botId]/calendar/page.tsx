import { CalendarSettings } from "@/components/calendar/calendar-settings";

export default async function CalendarPage({ params }: { params: Promise<{ botId: string }> }) {
  const { botId } = await params;
  return <CalendarSettings botId={botId} />;
}
