/** Where signing in or up leads when the page names no (acceptable) next page. */
export const defaultNext = "/dashboard";

const base = "https://svontai.invalid";

/**
 * The page to go to after signing in or up (the `next` parameter of /login and /register):
 * only a path of this site, and only the dashboard's pages or an invitation link (/invite).
 * Anything else, including another origin ("//evil.example", "/\\evil.example", "https:…"),
 * gives /dashboard.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) return defaultNext;
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return defaultNext;
  }
  // The URL parser drops tabs and line breaks, so "/\t/evil.example" would end up elsewhere.
  if (url.origin !== base) return defaultNext;
  const allowed = url.pathname === "/dashboard" || url.pathname.startsWith("/dashboard/") || url.pathname === "/invite";
  return allowed ? `${url.pathname}${url.search}${url.hash}` : defaultNext;
}

/** `path` (/login, /register) carrying `next` when it is not the default. */
export function withNext(path: string, next: string | null | undefined): string {
  const target = safeNext(next);
  return target === defaultNext ? path : `${path}?next=${encodeURIComponent(target)}`;
}
