import type { Metadata } from "next";
import { Suspense } from "react";

import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { tokenLinkMetadata } from "@/lib/token-link-metadata";

export async function generateMetadata(): Promise<Metadata> {
  return tokenLinkMetadata("auth.reset");
}

export default function ResetPasswordPage() {
  return (
    <Suspense>
      <ResetPasswordForm />
    </Suspense>
  );
}
