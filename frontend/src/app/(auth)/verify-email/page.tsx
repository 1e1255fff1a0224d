import type { Metadata } from "next";
import { Suspense } from "react";

import { VerifyEmail } from "@/components/auth/verify-email";
import { tokenLinkMetadata } from "@/lib/token-link-metadata";

export async function generateMetadata(): Promise<Metadata> {
  return tokenLinkMetadata("auth.verify");
}

export default function VerifyEmailPage() {
  return (
    <Suspense>
      <VerifyEmail />
    </Suspense>
  );
}
