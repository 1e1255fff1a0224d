"use client";

import { useEffect } from "react";
import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Form, FormControl, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { FormAlert } from "@/components/shared/form-alert";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import type { KnowledgeItem } from "@/lib/api/types";
import { knowledgeSchema, type KnowledgeValues } from "@/lib/validation";

/** Add/edit dialog for one knowledge item; `initial` prefills it (edit, or a knowledge gap). */
export function KnowledgeDialog({
  open,
  onOpenChange,
  initial,
  mode,
  pending,
  onSave,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  initial: KnowledgeValues;
  mode: "create" | "edit" | "gap";
  pending: boolean;
  /** Resolves on success; rejects with the API error to show. */
  onSave: (values: KnowledgeValues) => Promise<unknown>;
}) {
  const t = useTranslations("knowledge.dialog");
  const common = useTranslations("common");
  const translate = useValidationMessage();
  const form = useForm<KnowledgeValues>({ resolver: zodResolver(knowledgeSchema), defaultValues: initial });
  const onError = useFormError(form, ["title", "question", "answer"]);

  useEffect(() => {
    if (open) form.reset(initial);
  }, [open, initial, form]);

  async function onSubmit(values: KnowledgeValues) {
    try {
      await onSave(values);
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
            <FormField
              control={form.control}
              name="answer"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("answer")}</FormLabel>
                  <FormControl>
                    <Textarea rows={6} placeholder={t("answerPlaceholder")} {...field} />
                  </FormControl>
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

export function toKnowledgeValues(item?: Pick<KnowledgeItem, "title" | "question" | "answer">): KnowledgeValues {
  return { title: item?.title ?? "", question: item?.question ?? "", answer: item?.answer ?? "" };
}
