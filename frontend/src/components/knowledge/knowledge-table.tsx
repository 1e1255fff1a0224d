"use client";

import { useState } from "react";
import { BookOpen, Download, Loader2, Pencil, Plus, Trash2, Upload } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { toast } from "sonner";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuTrigger } from "@/components/ui/dropdown-menu";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { ImportDialog } from "@/components/knowledge/import-dialog";
import { KnowledgeDialog, toKnowledgeValues } from "@/components/knowledge/knowledge-dialog";
import { ConfirmDialog } from "@/components/shared/confirm-dialog";
import { EmptyState } from "@/components/shared/empty-state";
import { ErrorState } from "@/components/shared/error-state";
import { TableSkeleton } from "@/components/shared/page-skeleton";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { exportKnowledge, useDeleteKnowledge, useKnowledge, useSaveKnowledge } from "@/lib/api/hooks/knowledge";
import { flattenPages } from "@/lib/api/hooks/pages";
import type { KnowledgeItem } from "@/lib/api/types";
import type { KnowledgeValues } from "@/lib/validation";

type Editing = { item: KnowledgeItem | null; initial: KnowledgeValues };

export function KnowledgeTable({ botId }: { botId: string }) {
  const t = useTranslations("knowledge");
  const common = useTranslations("common");
  const format = useFormatter();
  const message = useErrorMessage();
  const knowledge = useKnowledge(botId);
  const save = useSaveKnowledge(botId);
  const remove = useDeleteKnowledge(botId);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [deleting, setDeleting] = useState<KnowledgeItem | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const items = flattenPages(knowledge.data);

  async function download(kind: "csv" | "json") {
    setExporting(true);
    try {
      await exportKnowledge(botId, kind);
    } catch (error) {
      toast.error(message(error));
    } finally {
      setExporting(false);
    }
  }

  const addButton = (
    <Button onClick={() => setEditing({ item: null, initial: toKnowledgeValues() })} data-testid="add-knowledge">
      <Plus /> {t("add")}
    </Button>
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <Button variant="outline" onClick={() => setImporting(true)} data-testid="import-knowledge">
          <Upload /> {t("import.button")}
        </Button>
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="outline" disabled={exporting} data-testid="export-knowledge">
              {exporting ? <Loader2 className="animate-spin" /> : <Download />} {t("export")}
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem onSelect={() => download("csv")}>CSV</DropdownMenuItem>
            <DropdownMenuItem onSelect={() => download("json")}>JSON</DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        {addButton}
      </div>

      {knowledge.isError ? (
        <ErrorState error={knowledge.error} onRetry={() => knowledge.refetch()} />
      ) : knowledge.isPending ? (
        <TableSkeleton />
      ) : items.length === 0 ? (
        <EmptyState icon={BookOpen} title={t("empty")} action={addButton} />
      ) : (
        <div className="rounded-2xl border bg-card shadow-sm">
          <Table data-testid="knowledge-table">
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.title")}</TableHead>
                <TableHead className="hidden md:table-cell">{t("columns.question")}</TableHead>
                <TableHead className="hidden lg:table-cell">{t("columns.answer")}</TableHead>
                <TableHead className="hidden sm:table-cell">{t("columns.created")}</TableHead>
                <TableHead className="text-right">{common("actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((item) => (
                <TableRow key={item.id}>
                  <TableCell className="max-w-48 font-medium">
                    <span className="line-clamp-2 whitespace-normal">{item.title}</span>
                  </TableCell>
                  <TableCell className="hidden max-w-64 md:table-cell">
                    <span className="line-clamp-2 whitespace-normal text-muted-foreground">{item.question || "—"}</span>
                    <AlternativesBadge alternatives={item.alternatives ?? []} />
                  </TableCell>
                  <TableCell className="hidden max-w-80 lg:table-cell">
                    <span className="line-clamp-2 whitespace-normal text-muted-foreground">{item.answer}</span>
                  </TableCell>
                  <TableCell className="hidden whitespace-nowrap text-muted-foreground sm:table-cell">
                    {format.dateTime(new Date(item.created_at), { dateStyle: "medium" })}
                  </TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={t("editItem", { title: item.title })}
                      onClick={() => setEditing({ item, initial: toKnowledgeValues(item) })}
                    >
                      <Pencil />
                    </Button>
                    <Button
                      variant="ghost"
                      size="icon"
                      className="text-destructive hover:text-destructive"
                      aria-label={t("deleteItem", { title: item.title })}
                      onClick={() => setDeleting(item)}
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

      {knowledge.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" onClick={() => knowledge.fetchNextPage()} disabled={knowledge.isFetchingNextPage}>
            {knowledge.isFetchingNextPage && <Loader2 className="animate-spin" />}
            {common("loadMore")}
          </Button>
        </div>
      )}

      <KnowledgeDialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        initial={editing?.initial ?? toKnowledgeValues()}
        mode={editing?.item ? "edit" : "create"}
        pending={save.isPending}
        onSave={async (values) => {
          await save.mutateAsync({ ...values, id: editing?.item?.id });
          toast.success(t("saved"));
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteTitle")}
        description={t("deleteBody", { title: deleting?.title ?? "" })}
        confirmLabel={common("delete")}
        onConfirm={() => {
          if (!deleting) return;
          remove.mutate(deleting.id, {
            onSuccess: () => toast.success(t("deleted")),
            onError: (error) => toast.error(message(error)),
          });
          setDeleting(null);
        }}
      />
      <ImportDialog botId={botId} open={importing} onOpenChange={setImporting} />
    </div>
  );
}

/** "+3 soru": how many other wordings the item knows, listed on hover or focus. */
function AlternativesBadge({ alternatives }: { alternatives: string[] }) {
  const t = useTranslations("knowledge");
  if (alternatives.length === 0) return null;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Badge variant="secondary" tabIndex={0} className="mt-1 cursor-default" data-testid="alternatives-badge">
          {t("alternativesBadge", { count: alternatives.length })}
        </Badge>
      </TooltipTrigger>
      <TooltipContent className="max-w-xs text-left">
        <ul className="space-y-0.5">
          {alternatives.map((text) => (
            <li key={text} className="break-words">
              {text}
            </li>
          ))}
        </ul>
      </TooltipContent>
    </Tooltip>
  );
}
