"use client";

import Link from "next/link";
import { MessagesSquare } from "lucide-react";
import { useTranslations } from "next-intl";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { LinkedAppointments } from "@/components/appointments/linked-appointments";
import type { Lead } from "@/lib/api/types";
import { conversationHref } from "@/config/dashboard";

/** The appointments booked in the conversation a lead came from, each linking to the appointments page. */
export function LeadAppointmentsDialog({
  lead,
  conversationId,
  onOpenChange,
}: {
  lead: Lead;
  conversationId: string;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("leads");
  const common = useTranslations("common");
  return (
    <Dialog open onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-md" closeLabel={common("close")} data-testid="lead-appointments">
        <DialogHeader>
          <DialogTitle className="pr-6">{t("appointmentsTitle", { name: lead.name || "—" })}</DialogTitle>
          <DialogDescription>{t("appointmentsBody")}</DialogDescription>
        </DialogHeader>
        <LinkedAppointments conversationId={conversationId} heading={false} />
        <DialogFooter>
          <Button asChild variant="outline">
            <Link href={conversationHref(conversationId)}>
              <MessagesSquare /> {t("openConversation")}
            </Link>
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
