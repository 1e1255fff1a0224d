"use client";

import { useState } from "react";
import { FileUp, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { fieldErrorMessage } from "@/components/shared/apply-field-errors";
import { FormAlert } from "@/components/shared/form-alert";
import { useErrorMessage } from "@/components/shared/use-error-message";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { isApiError, type ProblemFieldError } from "@/lib/api/problem";
import { useImportKnowledge, type KnowledgeImport } from "@/lib/api/hooks/knowledge";

/** CSV (title,question,answer header) or JSON ({"items": [...]}) import; all rows or none. */
export function ImportDialog({ botId, open, onOpenChange }: { botId: string; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("knowledge.import");
  const common = useTranslations("common");
  const message = useErrorMessage();
  const translate = useValidationMessage();
  const importer = useImportKnowledge(botId);
  const [file, setFile] = useState<{ name: string } & KnowledgeImport | null>(null);
  const [rowErrors, setRowErrors] = useState<ProblemFieldError[]>([]);
  const [failure, setFailure] = useState<string | undefined>();

  function reset(next: boolean) {
    if (!next) {
      setFile(null);
      setRowErrors([]);
      setFailure(undefined);
    }
    onOpenChange(next);
  }

  async function pick(event: React.ChangeEvent<HTMLInputElement>) {
    const chosen = event.target.files?.[0];
    setRowErrors([]);
    setFailure(undefined);
    if (!chosen) return setFile(null);
    const body = await chosen.text();
    const json = chosen.name.toLowerCase().endsWith(".json") || body.trimStart().startsWith("{");
    setFile({ name: chosen.name, body, format: json ? "json" : "csv" });
  }

  function submit() {
    if (!file) return;
    importer.mutate(
      { body: file.body, format: file.format },
      {
        onSuccess: (result) => {
          toast.success(t("done", { count: result.imported }));
          reset(false);
        },
        onError: (error) => {
          if (isApiError(error) && error.errors.length > 0) {
            setRowErrors(error.errors);
            setFailure(t("rowErrors", { count: error.errors.length }));
          } else {
            setRowErrors([]);
            setFailure(message(error));
          }
        },
      },
    );
  }

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogContent className="sm:max-w-2xl">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <div className="space-y-4">
          {/* Wrapped rather than scrolled: a scrolling block would need a tab stop of its own. */}
          <pre className="rounded-xl bg-muted p-3 font-mono text-xs break-all whitespace-pre-wrap">
            {"title,question,answer\n\"Çalışma saatleri\",\"Kaçta açıksınız?\",\"Hafta içi 09:00-18:00\""}
          </pre>
          <p className="text-sm text-muted-foreground">
            {t("excelHint")}{" "}
            <a href="/bilgi-tabani-sablonu.csv" download className="font-medium text-primary underline underline-offset-4" data-testid="import-template">
              {t("template")}
            </a>
          </p>
          <div className="grid gap-2">
            <Label htmlFor="knowledge-file">{t("file")}</Label>
            {/* The input is hidden but focusable; its drop zone shows the focus. */}
            <input
              id="knowledge-file"
              type="file"
              accept=".csv,.json,text/csv,application/json"
              className="peer sr-only"
              onChange={pick}
              data-testid="knowledge-file"
            />
            <label
              htmlFor="knowledge-file"
              className="flex cursor-pointer items-center gap-3 rounded-xl border border-dashed p-4 text-sm text-muted-foreground transition-colors peer-focus-visible:ring-[3px] peer-focus-visible:ring-ring/50 hover:bg-accent/50"
            >
              <FileUp className="size-5 text-primary" aria-hidden />
              <span className="truncate">{file ? file.name : t("choose")}</span>
            </label>
          </div>
          <FormAlert message={failure} />
          {rowErrors.length > 0 && (
            <div
              role="region"
              aria-label={t("errorsLabel")}
              tabIndex={0}
              className="max-h-64 overflow-y-auto rounded-xl border outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50"
              data-testid="import-errors"
            >
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHead>{t("row")}</TableHead>
                    <TableHead>{t("field")}</TableHead>
                    <TableHead>{t("problem")}</TableHead>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rowErrors.map((error, index) => (
                    <TableRow key={`${error.row}-${error.field}-${index}`}>
                      <TableCell>{error.row ?? "—"}</TableCell>
                      <TableCell className="font-mono text-xs">{error.field}</TableCell>
                      <TableCell className="whitespace-normal">{translate(fieldErrorMessage(error))}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => reset(false)}>
            {common("cancel")}
          </Button>
          <Button onClick={submit} disabled={!file || importer.isPending} data-testid="submit-import">
            {importer.isPending && <Loader2 className="animate-spin" />}
            {t("submit")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
