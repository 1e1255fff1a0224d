import { ConversationsView } from "@/components/conversations/conversations-view";

export default async function ConversationsPage({
  params,
  searchParams,
}: {
  params: Promise<{ botId: string }>;
  searchParams: Promise<{ c?: string }>;
}) {
  const { botId } = await params;
  const { c } = await searchParams;
  return <ConversationsView botId={botId} selectedId={c ?? null} />;
}
