import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";

import { VerifyEmail } from "@/components/auth/verify-email";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth.verify");
  // The link's token is in the URL: not for search engines. (Other sites never see it in a
  // Referer: Referrer-Policy strict-origin-when-cross-origin, next.config.ts. "no-referrer" here
  // would also make the browser send `Origin: null` on same-origin POSTs, which the session
  // route handlers refuse.)
  return { title: t("title"), robots: { index: false, follow: false } };
}

export default function VerifyEmailPage() {
  return (
    <Suspense>
      <VerifyEmail />
    </Suspense>
  );
}
