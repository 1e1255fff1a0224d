import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";

/**
 * Metadata of a page a mail links to with a token in its URL: the namespace's title, and not for
 * search engines. (Other sites never see the token in a Referer: Referrer-Policy
 * strict-origin-when-cross-origin, next.config.ts. "no-referrer" here would also make the browser
 * send `Origin: null` on same-origin POSTs, which the session route handlers refuse.)
 */
export async function tokenLinkMetadata(namespace: "auth.reset" | "auth.verify" | "auth.invite"): Promise<Metadata> {
  const t = await getTranslations(namespace);
  return { title: t("title"), robots: { index: false, follow: false } };
}
