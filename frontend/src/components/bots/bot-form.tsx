"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Loader2, Save } from "lucide-react";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";

import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { RadioGroup, RadioGroupItem } from "@/components/ui/radio-group";
import { Textarea } from "@/components/ui/textarea";
import { WidgetPreview } from "@/components/bots/widget-preview";
import { FormAlert } from "@/components/shared/form-alert";
import { SelectField, SwitchField, TextField } from "@/components/shared/form-fields";
import { useFormError } from "@/components/shared/use-form-error";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { useUpdateBot } from "@/lib/api/hooks/bots";
import type { Bot } from "@/lib/api/types";
import { maxUrlLength } from "@/lib/urls";
import { botSchema, parseOrigins, type BotValues } from "@/lib/validation";

const fieldNames = [
  "name",
  "description",
  "welcome_message",
  "primary_color",
  "widget_position",
  "language",
  "allowed_origins",
  "answer_mode",
  "fallback_message",
  "handoff_message",
  "instructions",
  "is_active",
  "reopen_to_bot",
  "privacy_url",
] as const;

function toValues(bot: Bot): BotValues {
  return {
    name: bot.name,
    description: bot.description,
    welcome_message: bot.welcome_message,
    primary_color: bot.primary_color,
    widget_position: bot.widget_position,
    language: bot.language,
    allowed_origins: bot.allowed_origins.join("\n"),
    answer_mode: bot.answer_mode,
    fallback_message: bot.fallback_message,
    handoff_message: bot.handoff_message,
    instructions: bot.instructions,
    is_active: bot.is_active,
    reopen_to_bot: bot.reopen_to_bot ?? false,
    // No notice is null (or absent) in the API and "" in the form; "" is also what removes it.
    privacy_url: bot.privacy_url ?? "",
  };
}

function Section({ title, description, children }: { title: string; description?: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-lg">{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="space-y-5">{children}</CardContent>
    </Card>
  );
}

/** The bot's settings, with a live preview of how the widget will look. */
export function BotForm({ bot }: { bot: Bot }) {
  const t = useTranslations("bots.fields");
  const detail = useTranslations("bots.detail");
  const translate = useValidationMessage();
  const update = useUpdateBot(bot.id);
  const form = useForm<BotValues>({ resolver: zodResolver(botSchema), defaultValues: toValues(bot) });
  const onError = useFormError(form, fieldNames);
  const preview = useWatch({ control: form.control });

  function onSubmit(values: BotValues) {
    update.mutate(
      { ...values, allowed_origins: parseOrigins(values.allowed_origins) },
      {
        onSuccess: (saved) => {
          form.reset(toValues(saved));
          toast.success(detail("saved"));
        },
        onError,
      },
    );
  }

  return (
    <Form {...form}>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate data-testid="bot-form" className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="min-w-0 space-y-6">
          <FormAlert message={form.formState.errors.root?.message} />
          <Section title={detail("sections.basics")}>
            <FormField
              control={form.control}
              name="name"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("name")}</FormLabel>
                  <FormControl>
                    <Input {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="description"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("description")}</FormLabel>
                  <FormControl>
                    <Textarea rows={2} {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <SwitchField control={form.control} name="is_active" label={t("isActive")} description={t("isActiveHint")} />
          </Section>

          <Section title={detail("sections.widget")} description={detail("sections.widgetHint")}>
            <FormField
              control={form.control}
              name="welcome_message"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("welcomeMessage")}</FormLabel>
                  <FormControl>
                    <Textarea rows={2} {...field} />
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <div className="grid gap-5 sm:grid-cols-3">
              <FormField
                control={form.control}
                name="primary_color"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{t("primaryColor")}</FormLabel>
                    <div className="flex items-center gap-2">
                      <input
                        type="color"
                        aria-label={t("primaryColor")}
                        value={/^#[0-9a-f]{6}$/i.test(field.value) ? field.value : "#3c82f6"}
                        onChange={(event) => field.onChange(event.target.value.toUpperCase())}
                        className="h-10 w-12 shrink-0 cursor-pointer rounded-lg border bg-background p-1"
                      />
                      <FormControl>
                        <Input {...field} className="font-mono" maxLength={7} />
                      </FormControl>
                    </div>
                    <FormMessage translate={translate} />
                  </FormItem>
                )}
              />
              <FormField
                control={form.control}
                name="widget_position"
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{t("position")}</FormLabel>
                    <FormControl>
                      <RadioGroup value={field.value} onValueChange={field.onChange} className="flex h-10 items-center gap-4">
                        {(["left", "right"] as const).map((position) => (
                          <label key={position} className="flex cursor-pointer items-center gap-2 text-sm">
                            <RadioGroupItem value={position} />
                            {t(`positions.${position}`)}
                          </label>
                        ))}
                      </RadioGroup>
                    </FormControl>
                    <FormMessage translate={translate} />
                  </FormItem>
                )}
              />
              <SelectField
                control={form.control}
                name="language"
                label={t("language")}
                options={(["tr", "en"] as const).map((language) => ({ value: language, label: t(`languages.${language}`) }))}
              />
            </div>
            <FormField
              control={form.control}
              name="allowed_origins"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("allowedOrigins")}</FormLabel>
                  <FormControl>
                    <Textarea rows={3} placeholder="https://shop.example.com" className="font-mono text-xs" {...field} />
                  </FormControl>
                  <FormDescription>{t("allowedOriginsHint")}</FormDescription>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <TextField
              control={form.control}
              name="privacy_url"
              type="url"
              inputMode="url"
              autoComplete="url"
              maxLength={maxUrlLength}
              label={t("privacyUrl")}
              placeholder={t("privacyUrlPlaceholder")}
              description={t("privacyUrlHint")}
              data-testid="bot-privacy-url"
            />
          </Section>

          <Section title={detail("sections.answers")} description={detail("sections.answersHint")}>
            <FormField
              control={form.control}
              name="answer_mode"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("answerMode")}</FormLabel>
                  <FormControl>
                    <RadioGroup value={field.value} onValueChange={field.onChange} className="grid gap-3 sm:grid-cols-2">
                      {(["ai", "faq"] as const).map((mode) => (
                        <label
                          key={mode}
                          className="flex cursor-pointer items-start gap-3 rounded-xl border p-4 transition-colors has-[[data-state=checked]]:border-primary has-[[data-state=checked]]:bg-accent/50"
                        >
                          <RadioGroupItem value={mode} className="mt-0.5" />
                          <span className="space-y-1">
                            <span className="block text-sm font-medium">{t(`answerModes.${mode}`)}</span>
                            <span className="block text-xs text-muted-foreground">{t(`answerModes.${mode}Hint`)}</span>
                          </span>
                        </label>
                      ))}
                    </RadioGroup>
                  </FormControl>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="fallback_message"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("fallbackMessage")}</FormLabel>
                  <FormControl>
                    <Textarea rows={3} {...field} />
                  </FormControl>
                  <FormDescription>{t("fallbackMessageHint")}</FormDescription>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="handoff_message"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("handoffMessage")}</FormLabel>
                  <FormControl>
                    <Textarea rows={2} {...field} />
                  </FormControl>
                  <FormDescription>{t("handoffMessageHint")}</FormDescription>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
            <SwitchField
              control={form.control}
              name="reopen_to_bot"
              label={t("reopenToBot")}
              description={t("reopenToBotHint")}
              data-testid="reopen-to-bot"
            />
            <FormField
              control={form.control}
              name="instructions"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>{t("instructions")}</FormLabel>
                  <FormControl>
                    <Textarea rows={5} maxLength={2000} placeholder={t("instructionsPlaceholder")} {...field} />
                  </FormControl>
                  <FormDescription>{t("instructionsHint")}</FormDescription>
                  <FormMessage translate={translate} />
                </FormItem>
              )}
            />
          </Section>

          <div className="sticky bottom-4 z-10 flex justify-end">
            <Button type="submit" size="lg" disabled={update.isPending || !form.formState.isDirty} className="shadow-lg" data-testid="save-bot">
              {update.isPending ? <Loader2 className="animate-spin" /> : <Save />}
              {detail("save")}
            </Button>
          </div>
        </div>

        <div className="min-w-0">
          <div className="lg:sticky lg:top-24">
            <WidgetPreview
              publicKey={bot.public_key}
              name={preview.name || bot.name}
              welcomeMessage={preview.welcome_message ?? ""}
              color={/^#[0-9a-f]{6}$/i.test(preview.primary_color ?? "") ? preview.primary_color! : bot.primary_color}
              position={preview.widget_position ?? bot.widget_position}
              language={preview.language ?? bot.language}
            />
          </div>
        </div>
      </form>
    </Form>
  );
}
