/** Locales the dashboard ships; Turkish is the product's home language. */
export const locales = ["tr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "tr";
/** Cookie the language toggle writes and the request config reads. */
export const localeCookie = "NEXT_LOCALE";

export function isLocale(value: string | undefined): value is Locale {
  return value !== undefined && (locales as readonly string[]).includes(value);
}
/**
 * Time zone for every formatted date and relative time, on the server and in the browser
 * alike (without one next-intl logs ENVIRONMENT_FALLBACK and server and client may differ).
 */
export const timeZone = "Europe/Istanbul";
