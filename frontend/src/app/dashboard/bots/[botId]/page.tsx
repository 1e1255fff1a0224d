import { BotView } from "@/components/bots/bot-view";

export default async function BotPage({ params }: { params: Promise<{ botId: string }> }) {
  const { botId } = await params;
  return <BotView botId={botId} />;
}
