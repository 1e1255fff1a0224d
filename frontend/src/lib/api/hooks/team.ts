"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import { queryKeys } from "@/lib/api/hooks/keys";
import type { InvitationInput, MemberRole, Team } from "@/lib/api/types";
import { useSessionStore } from "@/stores/session";

/** The current tenant's members (oldest first) and pending invitations; any member may read them. */
export function useTeam() {
  return useQuery({
    queryKey: queryKeys.team,
    queryFn: () => unwrap(api.GET("/tenants/current/members")),
  });
}

/**
 * Mails an invitation link (admins). 409 `already_member` for a member's address, 409
 * `conflict` past 50 pending invitations, 429 `rate_limited` past 20 an hour (Retry-After).
 */
export function useInvite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationInput) => unwrap(api.POST("/tenants/current/invitations", { body })),
    // A new invitation to the same address replaces the pending one: read the list again.
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.team }),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(api.DELETE("/tenants/current/invitations/{invitation_id}", { params: { path: { invitation_id: invitationId } } })),
    onSuccess: (_, invitationId) =>
      client.setQueryData<Team>(queryKeys.team, (team) =>
        team ? { ...team, invitations: team.invitations.filter((i) => i.id !== invitationId) } : team,
      ),
  });
}

/** Admin or agent (admins; the owner's role is handed over instead: 422 `owner_role`). */
export function useUpdateMemberRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: MemberRole }) =>
      unwrap(api.PATCH("/tenants/current/members/{user_id}", { params: { path: { user_id: userId } }, body: { role } })),
    onSuccess: (changed) =>
      client.setQueryData<Team>(queryKeys.team, (team) =>
        team
          ? { ...team, members: team.members.map((m) => (m.user_id === changed.user_id ? { ...m, role: changed.role } : m)) }
          : team,
      ),
  });
}

/** The member loses the tenant at their next request (admins; not the owner). */
export function useRemoveMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE("/tenants/current/members/{user_id}", { params: { path: { user_id: userId } } })),
    onSuccess: (_, userId) =>
      client.setQueryData<Team>(queryKeys.team, (team) =>
        team ? { ...team, members: team.members.filter((m) => m.user_id !== userId) } : team,
      ),
  });
}

/** The tenant the API acts in: the one sent as X-Tenant-Id, else the user's first. */
function currentTenantId(): string | null {
  const { tenantId, tenants } = useSessionStore.getState();
  return tenants.find((t) => t.id === tenantId)?.id ?? tenants[0]?.id ?? null;
}

/**
 * Leaves the current tenant (the owner hands it over first: 422 `owner_role`). It is taken off
 * the session's list, so the page showing it may unmount: callers await `mutateAsync` and then
 * choose where to go. Resolves to the id of the tenant left.
 */
export function useLeaveTeam() {
  return useMutation({
    mutationFn: async () => {
      const left = currentTenantId();
      await unwrap(api.POST("/tenants/current/leave"));
      return left;
    },
    onSuccess: (left) => {
      const { tenants, setTenants } = useSessionStore.getState();
      setTenants(tenants.filter((t) => t.id !== left));
    },
  });
}

/**
 * Hands the current tenant to another member (the owner), who becomes its owner; the caller
 * becomes an admin, in the session and in the team's list at once.
 */
export function useTransferOwnership() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (userId: string) => {
      const tenantId = currentTenantId();
      await unwrap(api.POST("/tenants/current/transfer", { body: { user_id: userId } }));
      return tenantId;
    },
    onSuccess: (tenantId, userId) => {
      const { tenants, setTenants } = useSessionStore.getState();
      setTenants(tenants.map((t) => (t.id === tenantId ? { ...t, role: "admin" as const } : t)));
      client.setQueryData<Team>(queryKeys.team, (team) =>
        team
          ? {
              ...team,
              members: team.members.map((m) =>
                m.you ? { ...m, role: "admin" as const } : m.user_id === userId ? { ...m, role: "owner" as const } : m,
              ),
            }
          : team,
      );
      return client.invalidateQueries({ queryKey: queryKeys.team });
    },
  });
}

/**
 * Joins a team with an invitation link's token (the signed-in user's address must be the invited
 * one: 403 `invitation_for_another_address`; a used, revoked or expired link is 422
 * `invalid_invitation`). The session's tenant list is then read again; resolves to the tenant joined.
 */
export function useAcceptInvitation() {
  return useMutation({
    mutationFn: async (token: string) => {
      const joined = await unwrap(api.POST("/invitations/accept", { body: { token } }));
      const { setTenants } = useSessionStore.getState();
      try {
        const mine = await unwrap(api.GET("/tenants/my"));
        setTenants(mine.items.some((t) => t.id === joined.id) ? mine.items : [...mine.items, joined]);
      } catch {
        // Joined all the same: the list the session has, with the new tenant.
        const { tenants } = useSessionStore.getState();
        setTenants([...tenants.filter((t) => t.id !== joined.id), joined]);
      }
      return joined;
    },
  });
}
