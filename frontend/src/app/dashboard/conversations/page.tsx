import { Suspense } from "react";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

import { InboxView } from "@/components/inbox/inbox-view";
import { PageSkeleton } from "@/components/shared/page-skeleton";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("inbox");
  return { title: t("title") };
}

/** The team inbox; what it shows is in the address (`?view=&source=&bot=&c=`), read on the client. */
export default function InboxPage() {
  return (
    <Suspense fallback={<PageSkeleton variant="chat" />}>
      <InboxView />
    </Suspense>
  );
}
