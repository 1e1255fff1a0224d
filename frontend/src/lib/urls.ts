/** The longest web address the API stores (a bot's `privacy_url`). */
export const maxUrlLength = 500;

/**
 * An https address with a host, at most 500 characters: what the API accepts as a bot's privacy
 * notice (`privacy_url`; anything else is 422 `invalid_url`). Surrounding spaces are ignored, as
 * the API trims them.
 */
export function isHttpsUrl(text: string): boolean {
  const value = text.trim();
  if (value === "" || value.length > maxUrlLength) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "";
  } catch {
    return false;
  }
}
