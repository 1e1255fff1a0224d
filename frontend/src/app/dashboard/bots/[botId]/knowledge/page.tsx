import { KnowledgeView } from "@/components/knowledge/knowledge-view";

export default async function KnowledgePage({
  params,
  searchParams,
}: {
  params: Promise<{ botId: string }>;
  searchParams: Promise<{ tab?: string }>;
}) {
  const { botId } = await params;
  const { tab } = await searchParams;
  return <KnowledgeView botId={botId} initialTab={tab === "gaps" || tab === "test" ? tab : "items"} />;
}
