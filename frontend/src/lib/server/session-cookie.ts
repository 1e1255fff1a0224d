import "server-only";

import { NextResponse, type NextRequest } from "next/server";

import { defaultLocale, isLocale, localeCookie } from "@/i18n/config";
import { clientIpHeader } from "@/lib/server/client-ip";

/**
 * Server half of the session: the route handlers under /api/session talk to
 * the API and keep the refresh token in an httpOnly cookie the page's scripts
 * can never read.
 */

export const refreshCookieName = "svontai_rt";

/** API base URL as the Next.js server reaches it. */
export function backendUrl(): string {
  return (process.env.API_URL ?? process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8000").replace(/\/+$/, "");
}

function isLocalHttp(request: NextRequest): boolean {
  const { protocol, hostname } = request.nextUrl;
  return protocol === "http:" && (hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]");
}

export function setRefreshCookie(request: NextRequest, response: NextResponse, token: string, maxAgeSeconds: number) {
  response.cookies.set({
    name: refreshCookieName,
    value: token,
    httpOnly: true,
    // Browsers drop Secure cookies on plain http, which only local development uses.
    secure: !isLocalHttp(request),
    sameSite: "strict",
    path: "/",
    maxAge: maxAgeSeconds,
  });
}

export function clearRefreshCookie(request: NextRequest, response: NextResponse) {
  response.cookies.set({
    name: refreshCookieName,
    value: "",
    httpOnly: true,
    secure: !isLocalHttp(request),
    sameSite: "strict",
    path: "/",
    maxAge: 0,
  });
}

export function problemResponse(status: number, code: string, title: string) {
  return NextResponse.json(
    { type: `https://svontai.dev/problems/${code}`, code, title, status },
    { status, headers: { "Content-Type": "application/problem+json" } },
  );
}

/** Rejects cross-site calls: the cookie is SameSite=Strict, and this says so twice. */
export function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false;
  }
}

type BackendResult = { ok: true; status: number; body: unknown } | { ok: false; response: NextResponse };

/** Calls the API from the server; a network failure becomes a 502 problem. */
export async function callBackend(
  request: NextRequest,
  path: string,
  init: { method?: string; body?: unknown; accessToken?: string; tenantId?: string },
): Promise<BackendResult> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  if (init.accessToken) headers.Authorization = `Bearer ${init.accessToken}`;
  if (init.tenantId) headers["X-Tenant-Id"] = init.tenantId;
  const forwardedFor = request.headers.get("x-forwarded-for");
  if (forwardedFor) headers["X-Forwarded-For"] = forwardedFor;
  const userAgent = request.headers.get("user-agent");
  if (userAgent) headers["User-Agent"] = userAgent;
  // Signed, so the API's per-IP limits count the visitor rather than this server.
  const clientIp = clientIpHeader(request);
  if (clientIp) headers["X-Client-Ip"] = clientIp;
  // The dashboard's language (its toggle's cookie, Turkish by default), not the browser's: the
  // API writes a new user's mail in it.
  const locale = request.cookies.get(localeCookie)?.value;
  headers["Accept-Language"] = isLocale(locale) ? locale : defaultLocale;

  let response: Response;
  try {
    response = await fetch(`${backendUrl()}${path}`, {
      method: init.method ?? "POST",
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      cache: "no-store",
    });
  } catch {
    return { ok: false, response: problemResponse(502, "upstream_unreachable", "API unreachable") };
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const passthrough = NextResponse.json(body ?? { code: `http_${response.status}`, status: response.status }, {
      status: response.status,
      headers: { "Content-Type": "application/problem+json" },
    });
    const retryAfter = response.headers.get("Retry-After");
    if (retryAfter) passthrough.headers.set("Retry-After", retryAfter);
    return { ok: false, response: passthrough };
  }
  return { ok: true, status: response.status, body };
}

export type TokensBody = {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_expires_in: number;
};

/** Loads the user and memberships for the page, with a fresh access token. */
export async function loadMe(request: NextRequest, accessToken: string) {
  return callBackend(request, "/me", { method: "GET", accessToken });
}

/**
 * The page's session payload (access token, user, tenants) for a fresh pair of tokens, with the
 * refresh token stored in the cookie whatever /me answers: the old session is over either way.
 *
 * After a login the answer already carries the user (`login.user`); /me adds the memberships, and
 * a failed /me leaves them empty. Otherwise (refresh, password change) the user comes from /me,
 * and a failed /me is passed on as it is.
 */
export async function sessionResponse(
  request: NextRequest,
  tokens: TokensBody,
  login?: { user: unknown; status?: number },
): Promise<NextResponse> {
  const me = await loadMe(request, tokens.access_token);
  const session = (user: unknown, tenants: unknown[], status = 200) =>
    NextResponse.json({ access_token: tokens.access_token, expires_in: tokens.expires_in, user, tenants }, { status });
  let response: NextResponse;
  if (login) {
    response = session(login.user, me.ok ? (me.body as { tenants: unknown[] }).tenants : [], login.status);
  } else if (me.ok) {
    const { user, tenants } = me.body as { user: unknown; tenants: unknown[] };
    response = session(user, tenants);
  } else {
    response = me.response;
  }
  setRefreshCookie(request, response, tokens.refresh_token, tokens.refresh_expires_in);
  return response;
}
