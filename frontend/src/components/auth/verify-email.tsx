"use client";

import { useState } from "react";
import { useSearchParams } from "next/navigation";
import { MailCheck } from "lucide-react";
import { useTranslations } from "next-intl";

import { AuthNotice } from "@/components/auth/auth-notice";
import { FormAlert } from "@/components/shared/form-alert";
import { PendingButton } from "@/components/shared/form-fields";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { publicApi, unwrap } from "@/lib/api/client";
import { reloadUser } from "@/lib/api/hooks/account";
import { isApiError } from "@/lib/api/problem";

type Outcome =
  | { kind: "ready" }
  | { kind: "done"; purpose: "verify_email" | "change_email"; email: string; signedIn: boolean }
  | { kind: "invalid" }
  | { kind: "taken" };

/**
 * The page verification and e-mail-change mails link to. It waits for a press: mail scanners
 * open every link in a message, and opening must not spend the link.
 */
export function VerifyEmail() {
  const t = useTranslations("auth.verify");
  const message = useErrorMessage();
  const token = useSearchParams().get("token")?.trim() ?? "";
  const [outcome, setOutcome] = useState<Outcome>({ kind: "ready" });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();

  async function verify() {
    setPending(true);
    setError(undefined);
    try {
      const result = await unwrap(publicApi.POST("/auth/email/verify", { body: { token } }));
      // Signed in in this browser: the user (their address, its state) has changed.
      const signedIn = await reloadUser();
      setOutcome({ kind: "done", purpose: result.purpose, email: result.email, signedIn });
    } catch (e) {
      if (isApiError(e) && e.status === 422 && e.errors.some((f) => f.field === "token")) setOutcome({ kind: "invalid" });
      else if (isApiError(e) && e.code === "email_taken") setOutcome({ kind: "taken" });
      else setError(message(e));
    } finally {
      setPending(false);
    }
  }

  if (!token || outcome.kind === "invalid" || outcome.kind === "taken") {
    const body = !token ? t("missingBody") : outcome.kind === "taken" ? t("takenBody") : t("invalidBody");
    return (
      <AuthNotice tone="error" title={t("invalidTitle")} testId="verify-invalid" link={{ href: "/dashboard", label: t("toDashboard") }}>
        {body}
      </AuthNotice>
    );
  }

  if (outcome.kind === "done") {
    const changed = outcome.purpose === "change_email";
    return (
      <AuthNotice
        tone="success"
        title={changed ? t("changedTitle") : t("doneTitle")}
        testId="verify-done"
        link={outcome.signedIn ? { href: "/dashboard", label: t("toDashboard") } : { href: "/login", label: t("toLogin") }}
      >
        {changed ? t("changedBody", { email: outcome.email }) : t("doneBody", { email: outcome.email })}
      </AuthNotice>
    );
  }

  return (
    <AuthNotice
      tone="mail"
      title={t("title")}
      testId="verify-ready"
      actions={
        <>
          <FormAlert message={error} />
          <PendingButton
            type="button"
            onClick={verify}
            pending={pending}
            untilHydrated
            idleIcon={<MailCheck />}
            data-testid="verify-submit"
          >
            {t("submit")}
          </PendingButton>
        </>
      }
    >
      {t("subtitle")}
    </AuthNotice>
  );
}
