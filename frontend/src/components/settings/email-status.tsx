"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { useSessionStore } from "@/stores/session";

/** Whether the signed-in user's address is verified. */
export function EmailStatus({ verified }: { verified: boolean }) {
  const t = useTranslations("settings.profile");
  return verified ? (
    <Badge variant="success" data-testid="email-status-verified">
      <CircleCheck aria-hidden /> {t("verified")}
    </Badge>
  ) : (
    <Badge variant="warning" data-testid="email-status-unverified">
      <CircleAlert aria-hidden /> {t("unverified")}
    </Badge>
  );
}

/** The signed-in user's address, read-only, and whether it is verified. */
export function CurrentEmail({ id, label, inputClassName }: { id: string; label: string; inputClassName: string }) {
  const user = useSessionStore((s) => s.user);
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <div className="flex flex-wrap items-center gap-2">
        <Input id={id} value={user?.email ?? ""} readOnly disabled className={inputClassName} />
        <EmailStatus verified={user?.email_verified ?? false} />
      </div>
    </div>
  );
}
