"use client";

import { CircleAlert, CircleCheck } from "lucide-react";
import { useTranslations } from "next-intl";

import { Badge } from "@/components/ui/badge";

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
