import type { Metadata } from "next";
import { cookies } from "next/headers";
import { Suspense } from "react";

import { InviteAccept } from "@/components/auth/invite-accept";
import { refreshCookieName } from "@/lib/server/session-cookie";
import { tokenLinkMetadata } from "@/lib/token-link-metadata";

export async function generateMetadata(): Promise<Metadata> {
  return tokenLinkMetadata("auth.invite");
}

/**
 * The page invitation mails link to (/invite?token=…). Whether a session can be restored is
 * known here, from the refresh cookie (httpOnly: the page's scripts cannot see it): without one
 * the page offers login and sign-up at once, and asks the session route nothing (which would
 * answer 401).
 */
export default async function InvitePage() {
  const hasSession = (await cookies()).has(refreshCookieName);
  return (
    <Suspense>
      <InviteAccept hasSession={hasSession} />
    </Suspense>
  );
}
