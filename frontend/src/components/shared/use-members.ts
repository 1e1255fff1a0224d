"use client";

import { useTranslations } from "next-intl";

import { useTeam } from "@/lib/api/hooks/team";
import type { TeamMember } from "@/lib/api/types";

/** A member's name, else their address (an account gone meanwhile has neither). */
export function useMemberName() {
  const t = useTranslations("settings.team");
  return (member: TeamMember) => member.full_name || member.email || t("unnamed");
}

/** The team's members, and the name of the member with a user id (undefined for a stranger). */
export function useMembers() {
  const team = useTeam();
  const nameOf = useMemberName();
  const members = team.data?.members ?? [];
  return {
    members,
    me: members.find((m) => m.you),
    nameById: (userId: string | undefined) => {
      const member = userId ? members.find((m) => m.user_id === userId) : undefined;
      return member ? nameOf(member) : undefined;
    },
    nameOf,
  };
}
