"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useQueryClient } from "@tanstack/react-query";
import { zodResolver } from "@hookform/resolvers/zod";
import { Crown, LogOut, TriangleAlert, UserMinus, UserPlus } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Label } from "@/components/ui/label";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Skeleton } from "@/components/ui/skeleton";
import { useSwitchTenant } from "@/components/layout/use-switch-tenant";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { ErrorState } from "@/components/shared/error-state";
import { EmailField, FormShell, PendingButton } from "@/components/shared/form-fields";
import { Notice } from "@/components/shared/notice";
import { SectionCard } from "@/components/shared/section-card";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useFormError } from "@/components/shared/use-form-error";
import { useMemberName } from "@/components/shared/use-members";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import {
  useInvite,
  useLeaveTeam,
  useRemoveMember,
  useRevokeInvitation,
  useTeam,
  useTransferOwnership,
  useUpdateMemberRole,
} from "@/lib/api/hooks/team";
import { isApiError } from "@/lib/api/problem";
import type { Invitation, MemberRole, Role, Tenant, TeamMember } from "@/lib/api/types";
import { logout } from "@/lib/session";
import { inviteSchema, type InviteValues } from "@/lib/validation";
import { useCurrentTenant, useSessionStore } from "@/stores/session";

/** The roles an admin gives; the owner's is handed over instead. */
const memberRoles: readonly MemberRole[] = ["admin", "agent"];

const roleBadge: Record<Role, "default" | "secondary" | "outline"> = { owner: "default", admin: "secondary", agent: "outline" };

/** The roles a member can be given, as a select's list. */
function RoleOptions() {
  const roles = useTranslations("settings.roles");
  return (
    <SelectContent>
      {memberRoles.map((role) => (
        <SelectItem key={role} value={role}>
          {roles(role)}
        </SelectItem>
      ))}
    </SelectContent>
  );
}

function RoleBadge({ role }: { role: Role }) {
  const roles = useTranslations("settings.roles");
  return (
    <Badge variant={roleBadge[role]} data-testid="member-role-badge">
      {role === "owner" && <Crown aria-hidden />}
      {roles(role)}
    </Badge>
  );
}

/**
 * Confirms an action on `target` (open while one is set): the mutation runs on confirm, success
 * toasts and closes, failure toasts the error.
 */
function ConfirmTarget<T>({
  target,
  setTarget,
  title,
  description,
  confirmLabel,
  pending,
  run,
  done,
}: {
  target: T | null;
  setTarget: (target: T | null) => void;
  title: string;
  description: string;
  confirmLabel: string;
  pending: boolean;
  run: (target: T, callbacks: { onSuccess: () => void; onError: (error: unknown) => void }) => void;
  done: (target: T) => string;
}) {
  const message = useErrorMessage();
  return (
    <ConfirmDialog
      open={target !== null}
      onOpenChange={(open) => !open && setTarget(null)}
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      pending={pending}
      onConfirm={() => {
        if (!target) return;
        run(target, {
          onSuccess: () => {
            toast.success(done(target));
            setTarget(null);
          },
          onError: (error) => toast.error(message(error)),
        });
      }}
    />
  );
}

/** One member: name, address, when they joined, their role; admins change it or remove them. */
function MemberRow({ member, canManage, onRemove }: { member: TeamMember; canManage: boolean; onRemove: () => void }) {
  const t = useTranslations("settings.team");
  const roles = useTranslations("settings.roles");
  const format = useFormatter();
  const message = useErrorMessage();
  const nameOf = useMemberName();
  const update = useUpdateMemberRole();
  const name = nameOf(member);
  // Not the owner's role (handed over instead), nor one's own (leaving is below).
  const editable = canManage && member.role !== "owner" && !member.you;

  function changeRole(role: MemberRole) {
    if (role === member.role) return;
    update.mutate(
      { userId: member.user_id, role },
      {
        onSuccess: () => toast.success(t("roleChanged", { name, role: roles(role) })),
        onError: (error) => toast.error(message(error)),
      },
    );
  }

  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3" data-testid="team-member" data-user-id={member.user_id}>
      <div className="min-w-0 flex-1 space-y-0.5">
        <div className="flex min-w-0 items-center gap-2">
          <span className="truncate text-sm font-medium">{name}</span>
          {member.you && (
            <Badge variant="outline" data-testid="member-you">
              {t("you")}
            </Badge>
          )}
        </div>
        {member.email && member.email !== name && <p className="truncate text-xs text-muted-foreground">{member.email}</p>}
        <p className="text-xs text-muted-foreground">
          {t("joined", { date: format.dateTime(new Date(member.joined_at), { dateStyle: "medium" }) })}
        </p>
      </div>
      <div className="flex items-center gap-1">
        {editable ? (
          <Select value={member.role} onValueChange={(role) => changeRole(role as MemberRole)} disabled={update.isPending}>
            <SelectTrigger
              size="sm"
              aria-label={t("roleFor", { name })}
              widthOf={memberRoles.map((r) => roles(r))}
              data-testid="member-role"
            >
              <SelectValue />
            </SelectTrigger>
            <RoleOptions />
          </Select>
        ) : (
          <RoleBadge role={member.role} />
        )}
        {editable && (
          <Button
            variant="ghost"
            size="icon"
            className="text-destructive hover:text-destructive"
            aria-label={t("removeLabel", { name })}
            onClick={onRemove}
            data-testid="member-remove"
          >
            <UserMinus />
          </Button>
        )}
      </div>
    </li>
  );
}

function Members({ members, canManage }: { members: TeamMember[]; canManage: boolean }) {
  const t = useTranslations("settings.team");
  const nameOf = useMemberName();
  const remove = useRemoveMember();
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  return (
    <SectionCard title={t("membersTitle")} subtitle={t("membersSubtitle")} contentClassName="space-y-4">
      {!canManage && <p className="text-xs text-muted-foreground">{t("agentHint")}</p>}
      <ul className="divide-y rounded-xl border" data-testid="team-members">
        {members.map((member) => (
          <MemberRow key={member.user_id} member={member} canManage={canManage} onRemove={() => setRemoving(member)} />
        ))}
      </ul>
      <ConfirmTarget
        target={removing}
        setTarget={setRemoving}
        title={t("removeTitle")}
        description={t("removeBody", { name: removing ? nameOf(removing) : "" })}
        confirmLabel={t("removeConfirm")}
        pending={remove.isPending}
        run={(member, callbacks) => remove.mutate(member.user_id, callbacks)}
        done={(member) => t("removed", { name: nameOf(member) })}
      />
    </SectionCard>
  );
}

/** The invitation form (admins): an address and a role; the API mails the link. */
function InviteForm() {
  const t = useTranslations("settings.team.invite");
  const hints = useTranslations("settings.team.roleHints");
  const translate = useValidationMessage();
  const invite = useInvite();
  const form = useForm<InviteValues>({ resolver: zodResolver(inviteSchema), defaultValues: { email: "", role: "agent" } });
  const onError = useFormError(form, ["email", "role"]);

  function onSubmit(values: InviteValues) {
    invite.mutate(values, {
      onSuccess: (invitation) => {
        toast.success(t("sent", { email: invitation.email }));
        form.reset({ email: "", role: values.role });
      },
      onError: (error) => {
        if (!isApiError(error)) return onError(error);
        if (error.code === "already_member") {
          form.setError("email", { type: "server", message: t("alreadyMember") });
        } else if (error.status === 429) {
          const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : null;
          form.setError("root", { type: "server", message: minutes ? t("rateLimitedMinutes", { minutes }) : t("rateLimited") });
        } else if (error.code === "conflict") {
          form.setError("root", { type: "server", message: t("tooManyPending") });
        } else {
          onError(error);
        }
      },
    });
  }

  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} className="h-fit">
      <FormShell form={form} onSubmit={onSubmit} testId="invite-form">
        <EmailField control={form.control} name="email" label={t("email")} placeholder={t("emailPlaceholder")} />
        <FormField
          control={form.control}
          name="role"
          render={({ field }) => (
            <FormItem>
              <FormLabel>{t("role")}</FormLabel>
              <Select value={field.value} onValueChange={field.onChange}>
                <FormControl>
                  <SelectTrigger className="w-full" data-testid="invite-role">
                    <SelectValue />
                  </SelectTrigger>
                </FormControl>
                <RoleOptions />
              </Select>
              <FormDescription>{hints(field.value)}</FormDescription>
              <FormMessage translate={translate} />
            </FormItem>
          )}
        />
        <PendingButton pending={invite.isPending} idleIcon={<UserPlus />} data-testid="invite-submit">
          {t("submit")}
        </PendingButton>
      </FormShell>
    </SectionCard>
  );
}

/** Invitations not accepted yet (admins revoke them: the link stops working). */
function Invitations({ invitations }: { invitations: Invitation[] }) {
  const t = useTranslations("settings.team.invitations");
  const format = useFormatter();
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium" });
  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} className="h-fit">
      {invitations.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="team-invitations-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="divide-y rounded-xl border" data-testid="team-invitations">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3" data-testid="team-invitation">
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="truncate text-sm font-medium">{invitation.email}</p>
                <p className="text-xs text-muted-foreground">
                  {t("dates", { sent: date(new Date(invitation.created_at)), expires: date(new Date(invitation.expires_at * 1000)) })}
                </p>
              </div>
              <RoleBadge role={invitation.role} />
              <Button variant="ghost" size="sm" className="text-destructive hover:text-destructive" onClick={() => setRevoking(invitation)}>
                {t("revoke")}
                <span className="sr-only">: {invitation.email}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmTarget
        target={revoking}
        setTarget={setRevoking}
        title={t("revokeTitle")}
        description={t("revokeBody", { email: revoking?.email ?? "" })}
        confirmLabel={t("revoke")}
        pending={revoke.isPending}
        run={(invitation, callbacks) => revoke.mutate(invitation.id, callbacks)}
        done={() => t("revoked")}
      />
    </SectionCard>
  );
}

/** The owner hands the tenant to another member and becomes an admin. */
function TransferOwnership({ members }: { members: TeamMember[] }) {
  const t = useTranslations("settings.team.transfer");
  const message = useErrorMessage();
  const nameOf = useMemberName();
  const transfer = useTransferOwnership();
  const candidates = members.filter((m) => !m.you && m.role !== "owner");
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const target = candidates.find((m) => m.user_id === chosen) ?? null;

  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")} contentClassName="space-y-4">
      <Notice tone="warning" icon={TriangleAlert} role="note">
        <span>{t("warning")}</span>
      </Notice>
      {candidates.length === 0 ? (
        <p className="text-sm text-muted-foreground" data-testid="transfer-no-members">
          {t("noMembers")}
        </p>
      ) : (
        <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <div className="grid min-w-0 gap-2 sm:w-72">
            <Label htmlFor="transfer-member">{t("member")}</Label>
            <Select value={chosen ?? undefined} onValueChange={setChosen}>
              <SelectTrigger id="transfer-member" className="w-full" data-testid="transfer-member">
                <SelectValue placeholder={t("placeholder")} />
              </SelectTrigger>
              <SelectContent>
                {candidates.map((member) => (
                  <SelectItem key={member.user_id} value={member.user_id}>
                    {nameOf(member)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <Button
            variant="outline"
            className="text-destructive hover:text-destructive"
            disabled={!target}
            onClick={() => setConfirming(true)}
            data-testid="transfer-submit"
          >
            <Crown /> {t("submit")}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming && target !== null}
        onOpenChange={setConfirming}
        title={t("confirmTitle", { name: target ? nameOf(target) : "" })}
        description={t("confirmBody", { name: target ? nameOf(target) : "" })}
        confirmLabel={t("confirm")}
        pending={transfer.isPending}
        onConfirm={async () => {
          if (!target) return;
          const name = nameOf(target);
          // Awaited: the owner becomes an admin, and this card gives way to "leave the team".
          try {
            await transfer.mutateAsync(target.user_id);
          } catch (error) {
            const notMember = isApiError(error) && error.errors.some((f) => f.field === "user_id");
            toast.error(notMember ? t("notMember") : message(error));
            return;
          }
          setConfirming(false);
          setChosen(null);
          toast.success(t("done", { name }));
        }}
      />
    </SectionCard>
  );
}

/**
 * A member other than the owner leaves the tenant: then on to another of their tenants, or,
 * with none left, signed out.
 */
function LeaveTeam({ tenant }: { tenant: Tenant }) {
  const t = useTranslations("settings.team.leave");
  const message = useErrorMessage();
  const leave = useLeaveTeam();
  const switchTenant = useSwitchTenant();
  const router = useRouter();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);

  // Awaited rather than given callbacks: once the tenant is off the session's list this card
  // unmounts, and a mutation's per-call callbacks do not run after that.
  async function onConfirm() {
    try {
      await leave.mutateAsync();
    } catch (error) {
      toast.error(message(error));
      return;
    }
    setConfirming(false);
    const next = useSessionStore.getState().tenants[0];
    if (next) {
      switchTenant(next.id);
      toast.success(t("left", { name: tenant.name, next: next.name }));
      router.push("/dashboard");
      return;
    }
    toast.success(t("signedOut", { name: tenant.name }));
    await logout().catch(() => undefined);
    client.clear();
    router.replace("/login");
  }

  return (
    <SectionCard title={t("title")} subtitle={t("subtitle")}>
      <Button
        variant="outline"
        className="text-destructive hover:text-destructive"
        onClick={() => setConfirming(true)}
        data-testid="leave-team"
      >
        <LogOut /> {t("submit")}
      </Button>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("confirmTitle")}
        description={t("confirmBody", { name: tenant.name })}
        confirmLabel={t("submit")}
        pending={leave.isPending || leave.isSuccess}
        onConfirm={onConfirm}
      />
    </SectionCard>
  );
}

/**
 * The team of the current tenant. Everyone sees the members; admins and the owner invite,
 * change roles and remove; the owner hands the tenant over; everyone else may leave.
 */
export function TeamSettings() {
  const current = useCurrentTenant();
  const team = useTeam();
  // The role as the team's list has it (newer than the session's, from sign-in, if it changed meanwhile).
  const me = team.data?.members.find((m) => m.you);

  if (!current) return null;
  if (team.isError) return <ErrorState error={team.error} onRetry={() => team.refetch()} className="max-w-4xl" />;
  if (!team.data) return <Skeleton className="h-96 w-full max-w-4xl rounded-2xl" />;

  const role = me?.role ?? current.role;
  const canManage = role !== "agent";
  return (
    <div className="grid max-w-4xl grid-cols-[minmax(0,1fr)] gap-6" data-testid="team-settings">
      <Members members={team.data.members} canManage={canManage} />
      {canManage && (
        <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-2">
          <InviteForm />
          <Invitations invitations={team.data.invitations} />
        </div>
      )}
      {role === "owner" ? <TransferOwnership members={team.data.members} /> : <LeaveTeam tenant={current} />}
    </div>
  );
}
