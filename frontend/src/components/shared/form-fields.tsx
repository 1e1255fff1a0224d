"use client";

import { Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import type { Control, ControllerRenderProps, FieldPath, FieldValues, SubmitHandler, UseFormReturn } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import { Form, FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import { FormAlert } from "@/components/shared/form-alert";
import { useValidationMessage } from "@/components/shared/use-validation-message";
import { useHydrated } from "@/lib/use-hydrated";
import { cn } from "@/lib/utils";

type Controlled = "name" | "value" | "onChange" | "onBlur" | "ref";
type InputProps = Omit<React.ComponentProps<typeof Input>, Controlled>;

type FieldProps<T extends FieldValues> = {
  control: Control<T>;
  name: FieldPath<T>;
  label: string;
  /** A hint under the input. */
  description?: string;
};

type TextFieldProps<T extends FieldValues> = InputProps & FieldProps<T>;

/**
 * One form field: label, input, optional hint and the field's (translated) error. The input's
 * own props come before the field's, as in a hand-written `<Input … {...field} />`.
 */
export function TextField<T extends FieldValues>({ control, name, label, description, ...input }: TextFieldProps<T>) {
  return (
    <FieldShell control={control} name={name} label={label} description={description}>
      {(field) => <Input {...input} {...field} />}
    </FieldShell>
  );
}

/** A multi-line text field: label, textarea, optional hint and the field's (translated) error. */
export function TextareaField<T extends FieldValues>({
  control,
  name,
  label,
  description,
  ...textarea
}: Omit<React.ComponentProps<typeof Textarea>, Controlled> & FieldProps<T>) {
  return (
    <FieldShell control={control} name={name} label={label} description={description}>
      {(field) => <Textarea {...textarea} {...field} />}
    </FieldShell>
  );
}

/**
 * A whole-number field whose form value is a number: an emptied input is NaN, which the
 * schema's number check names (there is no "" in a number field's values).
 */
export function NumberField<T extends FieldValues>({ control, name, label, description, ...input }: TextFieldProps<T>) {
  return (
    <FieldShell control={control} name={name} label={label} description={description}>
      {(field) => (
        <Input
          type="number"
          inputMode="numeric"
          {...input}
          name={field.name}
          ref={field.ref}
          onBlur={field.onBlur}
          value={typeof field.value === "number" && !Number.isNaN(field.value) ? field.value : ""}
          onChange={(event) => field.onChange(event.target.value === "" ? Number.NaN : event.target.valueAsNumber)}
        />
      )}
    </FieldShell>
  );
}

/** One choice of a SelectField: its form value and what the list shows for it. */
export type SelectOption<V extends string | number> = { value: V; label: string };

/**
 * A field chosen from a list: label, select, optional hint and the field's (translated) error.
 * The form value is the chosen option's own value (a string or a number); the trigger's props
 * (`data-testid`, `className`, …) are passed on, and it is as wide as its field unless told.
 */
export function SelectField<T extends FieldValues, V extends string | number>({
  control,
  name,
  label,
  description,
  options,
  className,
  ...trigger
}: Omit<React.ComponentProps<typeof SelectTrigger>, Controlled | "children" | "widthOf"> &
  FieldProps<T> & { options: readonly SelectOption<V>[] }) {
  const translate = useValidationMessage();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <Select
            value={String(field.value)}
            onValueChange={(value) => field.onChange(options.find((option) => String(option.value) === value)?.value)}
          >
            <FormControl>
              <SelectTrigger {...trigger} ref={field.ref} onBlur={field.onBlur} className={cn("w-full", className)}>
                <SelectValue />
              </SelectTrigger>
            </FormControl>
            <SelectContent>
              {options.map((option) => (
                <SelectItem key={option.value} value={String(option.value)}>
                  {option.label}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
          {description ? <FormDescription>{description}</FormDescription> : null}
          <FormMessage translate={translate} />
        </FormItem>
      )}
    />
  );
}

/**
 * An on/off field whose form value is a boolean: a bordered row with the label and hint on the
 * left and the switch (named by the label, described by the hint) on the right.
 */
export function SwitchField<T extends FieldValues>({
  control,
  name,
  label,
  description,
  ...props
}: Omit<React.ComponentProps<typeof Switch>, Controlled | "checked" | "onCheckedChange"> & FieldProps<T>) {
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem className="flex flex-row items-center justify-between gap-4 rounded-xl border p-4">
          <div className="min-w-0 space-y-1">
            <FormLabel className="leading-snug">{label}</FormLabel>
            {description ? <FormDescription>{description}</FormDescription> : null}
          </div>
          <FormControl>
            <Switch
              {...props}
              name={field.name}
              ref={field.ref}
              onBlur={field.onBlur}
              checked={field.value === true}
              onCheckedChange={field.onChange}
            />
          </FormControl>
        </FormItem>
      )}
    />
  );
}

/**
 * A box to tick whose form value is a boolean: the box, then its label (which may hold links:
 * clicking one follows it, clicking the text ticks the box), the hint and the translated error.
 */
export function CheckboxField<T extends FieldValues>({
  control,
  name,
  label,
  description,
  ...props
}: Omit<React.ComponentProps<typeof Checkbox>, Controlled | "checked" | "onCheckedChange"> &
  Omit<FieldProps<T>, "label"> & { label: React.ReactNode }) {
  const translate = useValidationMessage();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <div className="flex items-start gap-3">
            <FormControl>
              <Checkbox
                {...props}
                name={field.name}
                ref={field.ref}
                onBlur={field.onBlur}
                checked={field.value === true}
                onCheckedChange={(checked) => field.onChange(checked === true)}
                className="mt-0.5"
              />
            </FormControl>
            <FormLabel className="block leading-snug font-normal select-auto">{label}</FormLabel>
          </div>
          {description ? <FormDescription className="pl-7">{description}</FormDescription> : null}
          <FormMessage translate={translate} className="pl-7" />
        </FormItem>
      )}
    />
  );
}

/** The label, hint and translated error around one form control. */
function FieldShell<T extends FieldValues>({
  control,
  name,
  label,
  description,
  children,
}: FieldProps<T> & {
  children: (field: ControllerRenderProps<T, FieldPath<T>>) => React.ReactNode;
}) {
  const translate = useValidationMessage();
  return (
    <FormField
      control={control}
      name={name}
      render={({ field }) => (
        <FormItem>
          <FormLabel>{label}</FormLabel>
          <FormControl>{children(field)}</FormControl>
          {description ? <FormDescription>{description}</FormDescription> : null}
          <FormMessage translate={translate} />
        </FormItem>
      )}
    />
  );
}

/** An e-mail address field (`type="email"`, `autoComplete="email"`). */
export function EmailField<T extends FieldValues>(props: TextFieldProps<T>) {
  return <TextField type="email" autoComplete="email" {...props} />;
}

/** A password field; `autoComplete` says which password ("current-password", "new-password", "off"). */
export function PasswordField<T extends FieldValues>(props: TextFieldProps<T> & { autoComplete: string }) {
  return <TextField type="password" {...props} />;
}

/** A new password (`autoComplete="new-password"`), with the hint on its rules under it. */
export function NewPasswordField<T extends FieldValues>(props: TextFieldProps<T>) {
  const fields = useTranslations("auth.fields");
  return <PasswordField autoComplete="new-password" description={fields("passwordHint")} {...props} />;
}

/**
 * A react-hook-form form (validated by its schema, not the browser) with the form-level problem
 * on top of its fields. A form with a password is `method="post"`, paired with a
 * `PendingButton untilHydrated`: a form sent before the script loads must never put the
 * password in the URL, as a GET form would.
 */
export function FormShell<TIn extends FieldValues, TOut = TIn>({
  form,
  onSubmit,
  method,
  testId,
  children,
}: {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the form's context type is free
  form: UseFormReturn<TIn, any, TOut>;
  onSubmit: SubmitHandler<TOut>;
  method?: "post";
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Form {...form}>
      <form method={method} onSubmit={form.handleSubmit(onSubmit)} className="space-y-4" noValidate data-testid={testId}>
        <FormAlert message={form.formState.errors.root?.message} />
        {children}
      </form>
    </Form>
  );
}

/**
 * A button (a submit button unless `type` says otherwise) that shows a spinner and is disabled
 * while `pending`, and with `untilHydrated` also until React has hydrated the page. `idleIcon`
 * stands where the spinner does when nothing is pending.
 */
export function PendingButton({
  pending,
  untilHydrated = false,
  idleIcon,
  disabled,
  type = "submit",
  children,
  ...props
}: React.ComponentProps<typeof Button> & { pending: boolean; untilHydrated?: boolean; idleIcon?: React.ReactNode }) {
  const hydrated = useHydrated();
  return (
    <Button type={type} disabled={(untilHydrated && !hydrated) || disabled || pending} {...props}>
      {pending ? <Loader2 className="animate-spin" /> : idleIcon}
      {children}
    </Button>
  );
}
