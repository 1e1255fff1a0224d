"use client";

import { useEffect } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useFieldArray, useForm, type Path } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import type { KnowledgeItem, KnowledgeItemInput } from "@/lib/api/types";
import { knowledgeSchema, maxAlternatives, type KnowledgeValues } from "@/lib/validation";

/** The API names an alternative by its index (`alternatives[3]`); the form by its row. */
function alternativePath(field: string): Path<KnowledgeValues> | undefined {
  const row = /^alternatives\[(\d+)\]$/.exec(field);
  return row ? `alternatives.${Number(row[1])}.value` : undefined;
}

/** Add/edit dialog for one knowledge item; `initial` prefills it (edit, or a knowledge gap). */
export function KnowledgeDialog({
  open,
  onOpenChange,
  initial,
  mode,
  pending,
  answerHint,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initial: KnowledgeValues;
  mode: "create" | "edit" | "gap";
  pending: boolean;
  /** A note under the answer (e.g. where a prefilled answer came from). */
  answerHint?: string;
  /** Resolves on success; rejects with the API error to show. */
  onSave: (input: KnowledgeItemInput) => Promise<unknown>;
}) {
  const t = useTranslations("knowledge.dialog");
  const common = useTranslations("common");
  const translate = useValidationMessage();
  const form = useForm<KnowledgeValues>({ resolver: zodResolver(knowledgeSchema), defaultValues: initial });
  const alternatives = useFieldArray({ control: form.control, name: "alternatives" });
  const onError = useFormError(form, ["title", "question", "answer", "alternatives"], alternativePath);
  const listError = form.formState.errors.alternatives;
  const listMessage = listError?.root?.message ?? listError?.message;

  useEffect(() => {
    if (open) form.reset(initial);
  }, [open, initial, form]);

  async function onSubmit(values: KnowledgeValues) {
    try {
      await onSave(toKnowledgeInput(values));
      onOpenChange(false);
    } catch (error) {
      onError(error);
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent className="sm:max-w-xl">
        <DialogHeader>
          <DialogTitle>{t(`${mode}Title`)}</DialogTitle>
          <DialogDescription>{t(`${mode}Description`)}</DialogDescription>
        </DialogHeader>
        <Form {...form}>
          <form onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate data-testid="knowledge-form">
            <FormAlert message={form.formState.errors.root?.message} />
            <FormField
              control={form.control}
              name="title"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("title")}</FormLabel>
                  <FormControl>
                    <Input placeholder={t("titlePlaceholder")} {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="question"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("question")}</FormLabel>
                  <FormControl>
                    <Input placeholder={t("questionPlaceholder")} {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <fieldset className="space-y-2" data-testid="knowledge-alternatives">
              <legend className="mb-2 text-sm leading-none font-medium">{t("alternatives")}</legend>
              <div className="flex items-start justify-between gap-3 text-xs text-muted-foreground">
                <p>{t("alternativesHint")}</p>
                <span className="shrink-0 tabular-nums">
                  {t("alternativesCount", { count: alternatives.fields.length, max: maxAlternatives })}
                </span>
              </div>
              {alternatives.fields.map((row, index) => (
                <FormField
                  key={row.id}
                  control={form.control}
                  name={`alternatives.${index}.value`}
                  render={({ field }) => (
                    <FormItem className="gap-1">
                      <div className="flex items-center gap-2">
                        <FormControl>
                          <Input
                            aria-label={t("alternativeLabel", { number: index + 1 })}
                            placeholder={t("alternativePlaceholder")}
                            maxLength={300}
                            data-testid="alternative-input"
                            {...field}
                          />
                        </FormControl>
                        <Button
                          type="button"
                          variant="ghost"
                          size="icon"
                          className="shrink-0"
                          aria-label={t("removeAlternative", { number: index + 1 })}
                          onClick={() => alternatives.remove(index)}
                        >
                          <X />
                        </Button>
                      </div>
                      <FormMessage translate={translate} />
                    </FormItem>
                  )}
                />
              ))}
              <Button
                type="button"
                variant="outline"
                size="sm"
                disabled={alternatives.fields.length >= maxAlternatives}
                onClick={() => alternatives.append({ value: "" })}
                data-testid="add-alternative"
              >
                <Plus /> {t("addAlternative")}
              </Button>
              {listMessage && (
                <p role="alert" className="text-xs text-destructive">
                  {translate(listMessage)}
                </p>
              )}
            </fieldset>
            <FormField
              control={form.control}
              name="answer"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("answer")}</FormLabel>
                  <FormControl>
                    <Textarea rows={6} placeholder={t("answerPlaceholder")} {...field} />
                  </FormControl>
                  {answerHint && <FormDescription>{answerHint}</FormDescription>}
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => onOpenChange(false)}>
                {common("cancel")}
              </Button>
              <Button type="submit" disabled={pending} data-testid="save-knowledge">
                {pending && <Loader2 className="animate-spin" />}
                {common("save")}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}

export function toKnowledgeValues(
  item?: Pick<KnowledgeItem, "title" | "question" | "answer" | "alternatives">,
): KnowledgeValues {
  return {
    title: item?.title ?? "",
    question: item?.question ?? "",
    answer: item?.answer ?? "",
    alternatives: (item?.alternatives ?? []).map((value) => ({ value })),
  };
}

/**
 * The form's values as the API takes them. Every row is sent, blank ones too: the API drops
 * blanks and repeats, and its `alternatives[i]` errors then name the form's row i.
 */
export function toKnowledgeInput(values: KnowledgeValues): KnowledgeItemInput {
  return {
    title: values.title,
    question: values.question,
    answer: values.answer,
    alternatives: values.alternatives.map((row) => row.value),
  };
}
