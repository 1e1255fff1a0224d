import { z } from "zod";

import { e164Pattern, normalizePhone } from "@/lib/appointments/booking";
import { calendarLimits, intervalIssues, weekdays } from "@/lib/appointments/calendar-form";
import { isHttpsUrl } from "@/lib/urls";

/**
 * Form schemas. Messages are keys of the `validation` messages, translated
 * where they are shown (FormMessage `translate`), so one schema serves both
 * languages. Limits mirror docs/openapi.yaml.
 */
export const email = z.string().trim().min(1, "required").max(254, "tooLong").email("email");

/** An address that may be left empty. */
const optionalEmail = z
  .string()
  .trim()
  .refine((value) => value === "" || email.safeParse(value).success, "email");

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
  /** The consent to the terms, the data processing agreement and the privacy notice: never sent to the API. */
  consent: z.boolean().refine((accepted) => accepted, "consent"),
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
  reopen_to_bot: z.boolean(),
  /** The privacy notice the widget's lead form links: an https address, or "" for none (sent as "", which removes it). */
  privacy_url: z
    .string()
    .trim()
    .refine((url) => url === "" || isHttpsUrl(url), "httpsUrl"),
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

/** An invitation to the team (POST /tenants/current/invitations). */
export const inviteSchema = z.object({
  email,
  role: z.enum(["admin", "agent"]),
});

/** A saved reply (POST/PUT /saved-replies): the shortcut typed after `/` in the reply box, and its text. */
export const savedReplySchema = z.object({
  // The API drops a leading `/` and lowercases the rest.
  shortcut: z.string().trim().min(1, "required").regex(/^\/?[\p{L}\p{N}_-]{1,32}$/u, "shortcutFormat"),
  body: z.string().trim().min(1, "required").max(4000, "tooLong"),
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

/** A time of day on a 5-minute step, as a time input gives it ("00:00" as an end is midnight). */
const clockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][05]$/, "clockTime");

const dayHours = z
  .array(z.object({ from: clockTime, to: clockTime }))
  .max(calendarLimits.intervalsPerDay, "tooManyIntervals");

/** A whole number (minutes, months) in a range; an emptied number input (NaN) says the same as a wrong number. */
const wholeNumber = (min: number, max: number, message: string, step = 1) =>
  z.number({ error: message }).int(message).min(min, message).max(max, message).multipleOf(step, message);

/**
 * Each service, resource and closure of the form carries its id as `entryId`: the saved one, or
 * one made in the browser when the row was added (src/lib/ulid.ts), so a new resource can be
 * chosen for a service or a closure before anything is saved. (Not `id`: useFieldArray uses
 * that name for its row keys.)
 */
const entryId = z.string().min(1);

const calendarService = z.object({
  entryId,
  name: z.string().trim().min(1, "required").max(80, "tooLong"),
  duration_minutes: wholeNumber(5, 240, "duration", 5),
  price_text: z.string().trim().max(40, "tooLong"),
  description: z.string().trim().max(500, "tooLong"),
  active: z.boolean(),
  resource_ids: z.array(z.string()).max(calendarLimits.resourcesPerService, "tooMany"),
});

const calendarResource = z.object({
  entryId,
  name: z.string().trim().min(1, "required").max(80, "tooLong"),
  active: z.boolean(),
  hours: z.object({ mon: dayHours, tue: dayHours, wed: dayHours, thu: dayHours, fri: dayHours, sat: dayHours, sun: dayHours }),
});

const calendarClosure = z.object({
  entryId,
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "required"),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "required"),
  /** "" closes the whole business. */
  resource_id: z.string(),
  note: z.string().trim().max(200, "tooLong"),
});

/** The booking calendar's settings form (PUT /bots/{bot_id}/calendar), with the API's limits. */
export const calendarSchema = z
  .object({
    version: z.number().int().min(0),
    time_zone: z.string().trim().min(1, "required").max(64, "tooLong"),
    slot_step_minutes: z.number().refine((v) => [5, 10, 15, 20, 30, 60].includes(v), "required"),
    buffer_minutes: wholeNumber(0, 120, "buffer", 5),
    min_notice_minutes: wholeNumber(0, 10080, "noticeRange"),
    max_days_ahead: wholeNumber(1, 365, "maxDaysAhead"),
    reminder_minutes_before: wholeNumber(0, 10080, "noticeRange"),
    reminder_template: z.string().trim().max(512, "tooLong"),
    services: z.array(calendarService).max(calendarLimits.services, "tooManyRows"),
    resources: z.array(calendarResource).max(calendarLimits.resources, "tooManyRows"),
    closures: z.array(calendarClosure).max(calendarLimits.closures, "tooManyRows"),
  })
  .superRefine((values, ctx) => {
    values.resources.forEach((resource, r) => {
      for (const day of weekdays) {
        for (const issue of intervalIssues(resource.hours[day])) {
          ctx.addIssue({ code: "custom", message: issue.message, path: ["resources", r, "hours", day, issue.index, issue.field] });
        }
      }
    });
    values.services.forEach((service, i) => {
      if (service.duration_minutes + values.buffer_minutes > 240) {
        ctx.addIssue({ code: "custom", message: "durationBuffer", path: ["services", i, "duration_minutes"] });
      }
    });
    values.closures.forEach((closure, i) => {
      if (closure.from && closure.to && closure.to < closure.from) {
        ctx.addIssue({ code: "custom", message: "closureOrder", path: ["closures", i, "to"] });
      }
    });
  });

/** A new appointment (POST /appointments): a service, a free time of a day, the customer. */
export const bookingSchema = z.object({
  service_id: z.string().min(1, "required"),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "required"),
  slot: z
    .object({ start: z.string(), resource_id: z.string(), resource_name: z.string() })
    .nullable()
    .refine((slot) => Boolean(slot), "chooseSlot"),
  name: z.string().trim().min(1, "required").max(100, "tooLong"),
  /** As typed; sent as normalizePhone() gives it (E.164), or not at all when empty. */
  phone: z.string().refine((phone) => normalizePhone(phone) === "" || e164Pattern.test(normalizePhone(phone)), "phone"),
  email: optionalEmail,
  notes: z.string().trim().max(2000, "tooLong"),
});

/**
 * The caller's e-mail notifications (PUT /tenants/current/notifications) and the business's
 * wait time, whole minutes from 0 (never) to 1440 (a day).
 */
export const notificationsSchema = z.object({
  handoff: z.boolean(),
  waiting: z.boolean(),
  lead: z.boolean(),
  wait_alert_minutes: wholeNumber(0, 1440, "waitMinutes"),
});

/**
 * A data subject's request (POST /privacy/contact-export, /privacy/contact-erase): a phone in any
 * way it is written (national numbers are Turkish; the API checks it properly), an address, or
 * both; at least one.
 */
export const contactSchema = z
  .object({
    phone: z
      .string()
      .trim()
      .max(40, "tooLong")
      .refine((phone) => phone === "" || /^\+?[0-9]{7,16}$/.test(normalizePhone(phone)), "phoneInvalid"),
    email: optionalEmail,
  })
  .refine((contact) => contact.phone !== "" || contact.email !== "", { path: ["phone"], message: "contactRequired" });

/** How long conversations are kept (PUT /privacy/settings): whole months, 0 (until deleted) to 120. */
export const retentionSchema = z.object({
  retention_months: wholeNumber(0, 120, "retentionMonths"),
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
export type InviteValues = z.infer<typeof inviteSchema>;
export type WhatsAppValues = z.infer<typeof whatsappSchema>;
export type CalendarValues = z.infer<typeof calendarSchema>;
export type BookingValues = z.infer<typeof bookingSchema>;
export type SavedReplyValues = z.infer<typeof savedReplySchema>;
export type NotificationValues = z.infer<typeof notificationsSchema>;
export type ContactValues = z.infer<typeof contactSchema>;
export type RetentionValues = z.infer<typeof retentionSchema>;
