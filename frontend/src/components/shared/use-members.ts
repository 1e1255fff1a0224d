"use client";

import { useTranslations } from "next-intl";

import { useTeam } from "@/lib/api/hooks/team";
import type { Role, TeamMember } from "@/lib/api/types";
import { useCurrentTenant } from "@/stores/session";

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

/**
 * The caller's role in the current tenant: as the team's list has it (newer than the session's,
 * from sign-in, if it changed meanwhile), else the session's; null before a tenant is known.
 */
export function useMyRole(): Role | null {
  const { me } = useMembers();
  const tenant = useCurrentTenant();
  return me?.role ?? tenant?.role ?? null;
}
