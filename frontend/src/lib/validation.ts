import { z } from "zod";

/**
 * Form schemas. Messages are keys of the `validation` messages, translated
 * where they are shown (FormMessage `translate`), so one schema serves both
 * languages. Limits mirror docs/openapi.yaml.
 */
export const email = z.string().trim().min(1, "required").max(254, "tooLong").email("email");

/** A new password as the API accepts it (not trimmed: spaces are kept). */
const newPassword = z.string().min(10, "passwordMin").max(128, "tooLong");

export const loginSchema = z.object({
  email,
  password: z.string().min(1, "required"),
});

export const registerSchema = z.object({
  full_name: z.string().trim().min(1, "required").max(100, "tooLong"),
  tenant_name: z.string().trim().min(1, "required").max(100, "tooLong"),
  email,
  password: newPassword,
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ password: newPassword, confirm: z.string().min(1, "required") })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "passwordMismatch" });

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, "required"),
    new_password: newPassword,
    confirm: z.string().min(1, "required"),
  })
  .refine((v) => v.new_password === v.confirm, { path: ["confirm"], message: "passwordMismatch" });

export const changeEmailSchema = z.object({
  new_email: email,
  password: z.string().min(1, "required"),
});

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "hexColor");

/** A site origin such as https://shop.example.com (scheme, host, optional port; no path). */
const originPattern = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i;

/** Splits the one-origin-per-line textarea into origins. */
export function parseOrigins(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((line) => line.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

const originsText = z
  .string()
  .refine((text) => parseOrigins(text).every((o) => originPattern.test(o)), "origin")
  .refine((text) => parseOrigins(text).length <= 20, "tooMany");

export const botSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  description: z.string().trim().max(500, "tooLong"),
  welcome_message: z.string().trim().max(500, "tooLong"),
  primary_color: hexColor,
  widget_position: z.enum(["left", "right"]),
  language: z.enum(["tr", "en"]),
  allowed_origins: originsText,
  answer_mode: z.enum(["ai", "faq"]),
  fallback_message: z.string().trim().max(500, "tooLong"),
  handoff_message: z.string().trim().max(500, "tooLong"),
  instructions: z.string().trim().max(2000, "tooLong"),
  is_active: z.boolean(),
});

export const createBotSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  description: z.string().trim().max(500, "tooLong"),
  language: z.enum(["tr", "en"]),
});

/** At most this many other wordings of an item's question (the API's limit). */
export const maxAlternatives = 10;

export const knowledgeSchema = z.object({
  title: z.string().trim().min(1, "required").max(200, "tooLong"),
  question: z.string().trim().max(500, "tooLong"),
  answer: z.string().trim().min(1, "required").max(4000, "tooLong"),
  /**
   * Other ways customers ask the question, one input each (objects, as react-hook-form's
   * field arrays need). Blank rows are allowed and dropped on save.
   */
  alternatives: z
    .array(z.object({ value: z.string().trim().max(300, "tooLong") }))
    .max(maxAlternatives, "tooManyAlternatives"),
});

export const profileSchema = z.object({
  full_name: z.string().trim().min(1, "required").max(100, "tooLong"),
});

export const tenantSchema = z.object({
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
});

const digits = z.string().trim().regex(/^[0-9]{1,32}$/, "digits");

export const whatsappSchema = z.object({
  phone_number_id: digits,
  business_account_id: digits,
  /** PUT replaces the whole integration, so the token is sent every time (the API never returns it). */
  access_token: z.string().trim().min(1, "required").refine((v) => v.length >= 20 && v.length <= 1024, "accessToken"),
  app_secret: z.string().trim().refine((v) => v === "" || (v.length >= 16 && v.length <= 256), "appSecret"),
  webhook_verify_token: z
    .string()
    .trim()
    .refine((v) => v === "" || /^[A-Za-z0-9._~-]{8,128}$/.test(v), "verifyToken"),
});

export type LoginValues = z.infer<typeof loginSchema>;
export type RegisterValues = z.infer<typeof registerSchema>;
export type ForgotPasswordValues = z.infer<typeof forgotPasswordSchema>;
export type ResetPasswordValues = z.infer<typeof resetPasswordSchema>;
export type ChangePasswordValues = z.infer<typeof changePasswordSchema>;
export type ChangeEmailValues = z.infer<typeof changeEmailSchema>;
export type BotValues = z.infer<typeof botSchema>;
export type CreateBotValues = z.infer<typeof createBotSchema>;
export type KnowledgeValues = z.infer<typeof knowledgeSchema>;
export type WhatsAppValues = z.infer<typeof whatsappSchema>;
