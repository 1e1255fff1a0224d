"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { CalendarDays, Loader2, MessagesSquare, Search, Trash2, Users } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LeadAppointmentsDialog } from "@/components/leads/lead-appointments";
import { LeadNotes } from "@/components/leads/lead-notes";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ExportButton } from "@/components/shared/export-button";
import { ErrorState } from "@/components/shared/error-state";
import { FilterSelect } from "@/components/shared/filter-select";
import { PageHeader } from "@/components/shared/page-header";
import { TableSkeleton } from "@/components/shared/page-skeleton";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useBots } from "@/lib/api/hooks/bots";
import { exportLeads, useDeleteLead, useLeads, useUpdateLead, type LeadFilters } from "@/lib/api/hooks/leads";
import { flattenPages } from "@/lib/api/hooks/pages";
import type { Lead, LeadStatus } from "@/lib/api/types";
import { conversationHref } from "@/config/dashboard";

const statuses: readonly LeadStatus[] = ["new", "contacted", "won", "lost"];

/** Typing in the search box queries the API once the user pauses. */
function useDebounced<T>(value: T, ms = 350): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The tenant's leads, searched and filtered. `initialSearch` starts the search box (a link's
 * `?q=`); the row of `markedId` (a link's `?lead=`) is marked as the one asked for.
 */
export function LeadsView({ initialSearch = "", markedId = null }: { initialSearch?: string; markedId?: string | null }) {
  const t = useTranslations("leads");
  const common = useTranslations("common");
  const format = useFormatter();
  const message = useErrorMessage();
  const bots = useBots();
  const [search, setSearch] = useState(initialSearch);
  const [filters, setFilters] = useState<Omit<LeadFilters, "q">>({});
  const q = useDebounced(search);
  const query: LeadFilters = { ...filters, q };
  const leads = useLeads(query);
  const update = useUpdateLead();
  const remove = useDeleteLead();
  const [deleting, setDeleting] = useState<Lead | null>(null);
  const [showingAppointments, setShowingAppointments] = useState<Lead | null>(null);
  const items = flattenPages(leads.data);
  const filtered = Boolean(q || filters.status || filters.bot_id || filters.from || filters.to);
  const statusLabels = statuses.map((s) => t(`status.${s}`));

  function change(id: string, changes: { status?: LeadStatus; notes?: string }) {
    update.mutate(
      { id, ...changes },
      { onSuccess: () => toast.success(t("updated")), onError: (error) => toast.error(message(error)) },
    );
  }

  return (
    <div className="space-y-6">
      <PageHeader
        title={t("title")}
        description={t("subtitle")}
        actions={
          <ExportButton label={t("export")} onExport={() => exportLeads(query)} testId="export-leads" />
        }
      />

      <div className="grid grid-cols-1 gap-3 rounded-2xl border bg-card p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_auto_repeat(3,minmax(0,1fr))]" data-testid="lead-filters">
        <div className="relative sm:col-span-2 lg:col-span-1">
          <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
          <Input
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            placeholder={t("search")}
            aria-label={t("search")}
            className="pl-9"
            data-testid="lead-search"
          />
        </div>
        <FilterSelect
          value={filters.status}
          onChange={(status) => setFilters({ ...filters, status: status ?? undefined })}
          allLabel={t("allStatuses")}
          options={statuses.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          label={t("columns.status")}
          className="w-full"
          fitWidth
        />
        <FilterSelect
          value={filters.bot_id}
          onChange={(botId) => setFilters({ ...filters, bot_id: botId ?? undefined })}
          allLabel={t("allBots")}
          options={bots.data?.map((bot) => ({ value: bot.id, label: bot.name })) ?? []}
          label={t("columns.bot")}
          className="w-full"
        />
        <Input
          type="date"
          value={filters.from ?? ""}
          max={filters.to}
          onChange={(event) => setFilters({ ...filters, from: event.target.value || undefined })}
          aria-label={t("from")}
          title={t("from")}
        />
        <Input
          type="date"
          value={filters.to ?? ""}
          min={filters.from}
          onChange={(event) => setFilters({ ...filters, to: event.target.value || undefined })}
          aria-label={t("to")}
          title={t("to")}
        />
      </div>

      {leads.isError ? (
        <ErrorState error={leads.error} onRetry={() => leads.refetch()} />
      ) : leads.isPending ? (
        <TableSkeleton />
      ) : items.length === 0 ? (
        <EmptyState icon={Users} title={filtered ? t("noMatches") : t("empty")} description={filtered ? undefined : t("emptyHint")} />
      ) : (
        <div className="rounded-2xl border bg-card shadow-sm">
          <Table data-testid="lead-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.name")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("columns.contact")}</TableHead>
                <TableHead className="hidden lg:table-cell">{t("columns.bot")}</TableHead>
                <TableHead>{t("columns.status")}</TableHead>
                <TableHead className="hidden xl:table-cell">{t("columns.notes")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("columns.created")}</TableHead>
                <TableHead className="text-right">{common("actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((lead) => (
                <TableRow
                  key={lead.id}
                  data-testid="lead-row"
                  data-lead-id={lead.id}
                  data-state={lead.id === markedId ? "selected" : undefined}
                  aria-current={lead.id === markedId ? "true" : undefined}
                >
                  <TableCell className="font-medium">
                    <div className="flex flex-col">
                      <span>{lead.name || "—"}</span>
                      <span className="text-xs font-normal text-muted-foreground md:hidden">{lead.email ?? lead.phone}</span>
                    </div>
                  </TableCell>
                  <TableCell className="hidden md:table-cell">
                    <div className="flex flex-col text-sm">
                      {lead.email && <a href={`mailto:${lead.email}`} className="hover:underline">{lead.email}</a>}
                      {lead.phone && <a href={`tel:${lead.phone}`} className="text-muted-foreground hover:underline">{lead.phone}</a>}
                    </div>
                  </TableCell>
                  <TableCell className="hidden lg:table-cell">
                    <div className="flex flex-col gap-1">
                      <span>{lead.bot_name}</span>
                      <Badge variant="secondary">{t(`source.${lead.source}`)}</Badge>
                    </div>
                  </TableCell>
                  <TableCell>
                    <Select value={lead.status} onValueChange={(v) => change(lead.id, { status: v as LeadStatus })}>
                      <SelectTrigger
                        size="sm"
                        aria-label={t("changeStatus", { name: lead.name })}
                        widthOf={statusLabels}
                        data-testid="lead-status"
                      >
                        <SelectValue />
                      </SelectTrigger>
                      <SelectContent>
                        {statuses.map((s) => (
                          <SelectItem key={s} value={s}>
                            {t(`status.${s}`)}
                          </SelectItem>
                        ))}
                      </SelectContent>
                    </Select>
                  </TableCell>
                  <TableCell className="hidden max-w-64 xl:table-cell">
                    <LeadNotes lead={lead} onSave={(notes) => change(lead.id, { notes })} />
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">
                    {format.dateTime(new Date(lead.created_at), { dateStyle: "medium" })}
                  </TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    {lead.conversation_id && (
                      <Button
                        variant="ghost"
                        size="icon"
                        aria-label={t("appointments", { name: lead.name })}
                        onClick={() => setShowingAppointments(lead)}
                        data-testid="lead-appointments-open"
                      >
                        <CalendarDays />
                      </Button>
                    )}
                    {lead.conversation_id && (
                      <Button asChild variant="ghost" size="icon" aria-label={t("openConversation")}>
                        <Link href={conversationHref(lead.conversation_id)}>
                          <MessagesSquare />
                        </Link>
                      </Button>
                    )}
                    <Button
                      variant="ghost"
                      size="icon"
                      className="text-destructive hover:text-destructive"
                      aria-label={t("delete", { name: lead.name })}
                      onClick={() => setDeleting(lead)}
                    >
                      <Trash2 />
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      {leads.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => leads.fetchNextPage()} disabled={leads.isFetchingNextPage}>
            {leads.isFetchingNextPage && <Loader2 className="animate-spin" />}
            {common("loadMore")}
          </Button>
        </div>
      )}

      {showingAppointments?.conversation_id && (
        <LeadAppointmentsDialog
          key={showingAppointments.id}
          lead={showingAppointments}
          conversationId={showingAppointments.conversation_id}
          onOpenChange={(open) => !open && setShowingAppointments(null)}
        />
      )}

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteTitle")}
        description={t("deleteBody", { name: deleting?.name ?? "" })}
        confirmLabel={common("delete")}
        pending={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => {
              toast.success(t("deleted"));
              setDeleting(null);
            },
            onError: (error) => toast.error(message(error)),
          });
        }}
      />
    </div>
  );
}
