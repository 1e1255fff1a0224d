"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { LogIn, UserPlus, Users } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { AuthNotice } from "@/components/auth/auth-notice";
import { useSwitchTenant } from "@/components/layout/use-switch-tenant";
import { FormAlert } from "@/components/shared/form-alert";
import { PendingButton } from "@/components/shared/form-fields";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useAcceptInvitation } from "@/lib/api/hooks/team";
import { isApiError, type ApiError } from "@/lib/api/problem";
import { withNext } from "@/lib/safe-next";
import { logout, refreshSession } from "@/lib/session";
import { useSessionStore } from "@/stores/session";

type Outcome = { kind: "ready" } | { kind: "invalid" } | { kind: "wrongAddress"; invited: string | null };

/**
 * The invited address of a 403 `invitation_for_another_address`: an `email` member of the
 * problem when the API sends one, else the address its detail names ("This invitation is for
 * ayse@example.com; sign in with that address.").
 */
function invitedAddress(error: ApiError): string | null {
  const member = error.extensions.email;
  if (typeof member === "string" && member.includes("@")) return member;
  const found = /[^\s;,:()<>"]+@[^\s;,:()<>"]+/.exec(error.detail ?? "");
  return found ? found[0].replace(/\.+$/, "") : null;
}

/**
 * The page invitation mails link to. Signed out, it explains and offers login or sign-up, both
 * coming back here; signed in, it waits for a press (mail scanners open every link, and opening
 * must not spend it), joins, and opens the dashboard in the joined tenant.
 */
export function InviteAccept({ hasSession }: { hasSession: boolean }) {
  const t = useTranslations("auth.invite");
  const message = useErrorMessage();
  const router = useRouter();
  const client = useQueryClient();
  const switchTenant = useSwitchTenant();
  const token = useSearchParams().get("token")?.trim() ?? "";
  const status = useSessionStore((s) => s.status);
  const user = useSessionStore((s) => s.user);
  const accept = useAcceptInvitation();
  const [restoreFailed, setRestoreFailed] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "ready" });
  const [error, setError] = useState<string | undefined>();
  const [leaving, setLeaving] = useState(false);
  const here = `/invite?token=${encodeURIComponent(token)}`;

  // A session in this browser is restored from its cookie (there is no SessionGate here).
  useEffect(() => {
    if (status === "unknown" && hasSession && token) {
      refreshSession().catch(() => setRestoreFailed(true));
    }
  }, [status, hasSession, token]);

  function onAccept() {
    setError(undefined);
    accept.mutate(token, {
      onSuccess: (tenant) => {
        switchTenant(tenant.id);
        toast.success(t("joined", { name: tenant.name }));
        router.replace("/dashboard");
      },
      onError: (e) => {
        if (isApiError(e) && e.code === "invitation_for_another_address") {
          setOutcome({ kind: "wrongAddress", invited: invitedAddress(e) });
        } else if (isApiError(e) && (e.code === "invalid_invitation" || e.errors.some((f) => f.field === "token"))) {
          // Used, revoked or expired; or a token that could never have been one (422 on its field).
          setOutcome({ kind: "invalid" });
        } else {
          setError(message(e));
        }
      },
    });
  }

  /** Signs out, then to the login page, which brings the user back here. */
  async function signInElsewhere() {
    setLeaving(true);
    await logout().catch(() => undefined);
    client.clear();
    router.push(withNext("/login", here));
  }

  if (!token || outcome.kind === "invalid") {
    const signedIn = status === "authenticated";
    return (
      <AuthNotice
        tone="error"
        title={t("invalidTitle")}
        testId="invite-invalid"
        link={signedIn ? { href: "/dashboard", label: t("toDashboard") } : { href: "/login", label: t("toLogin") }}
      >
        {token ? t("invalidBody") : t("missingBody")}
      </AuthNotice>
    );
  }

  if (status === "unknown" && hasSession && !restoreFailed) {
    return <Skeleton className="h-80 w-full rounded-2xl" aria-label={t("checking")} role="status" />;
  }

  if (status !== "authenticated") {
    return (
      <AuthNotice
        tone="mail"
        title={t("signedOutTitle")}
        testId="invite-signed-out"
        actions={
          <>
            <Button asChild>
              <Link href={withNext("/login", here)}>
                <LogIn /> {t("toLogin")}
              </Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={withNext("/register", here)}>
                <UserPlus /> {t("toRegister")}
              </Link>
            </Button>
          </>
        }
      >
        {t("signedOutBody")}
      </AuthNotice>
    );
  }

  const email = user?.email ?? "";

  if (outcome.kind === "wrongAddress") {
    return (
      <AuthNotice
        tone="error"
        title={t("wrongTitle")}
        testId="invite-wrong-address"
        actions={
          <>
            <PendingButton
              type="button"
              pending={leaving}
              idleIcon={<LogIn />}
              onClick={signInElsewhere}
              // The label holds an address of any length: it wraps rather than widen the page.
              className="h-auto min-h-10 whitespace-normal wrap-anywhere"
              data-testid="invite-switch-account"
            >
              {outcome.invited ? t("switchTo", { invited: outcome.invited }) : t("switchAccount")}
            </PendingButton>
            <Button asChild variant="outline">
              <Link href="/dashboard">{t("toDashboard")}</Link>
            </Button>
          </>
        }
      >
        {outcome.invited ? t("wrongBody", { invited: outcome.invited, email }) : t("wrongBodyUnknown", { email })}
      </AuthNotice>
    );
  }

  return (
    <AuthNotice
      tone="mail"
      title={t("readyTitle")}
      testId="invite-ready"
      actions={
        <>
          <FormAlert message={error} />
          <PendingButton
            type="button"
            onClick={onAccept}
            pending={accept.isPending || accept.isSuccess}
            untilHydrated
            idleIcon={<Users />}
            data-testid="invite-accept"
          >
            {t("submit")}
          </PendingButton>
          <Button type="button" variant="ghost" disabled={leaving} onClick={signInElsewhere}>
            {t("otherAccount")}
          </Button>
        </>
      }
    >
      {t("readyBody", { email })}
    </AuthNotice>
  );
}
