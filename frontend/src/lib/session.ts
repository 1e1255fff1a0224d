"use client";

import { ApiError, networkProblem, toApiError } from "@/lib/api/problem";
import { useSessionStore, type SessionPayload } from "@/stores/session";

/**
 * Client side of the session. The refresh token lives in an httpOnly cookie
 * set by the /api/session/* route handlers; this module only ever sees the
 * short-lived access token, which it keeps in the Zustand store (memory).
 */

async function postSession(
  path: string,
  body?: unknown,
  { method = "POST", accessToken }: { method?: string; accessToken?: string | null } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(`/api/session/${path}`, {
      method,
      credentials: "same-origin",
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(networkProblem);
  }
}

async function readSession(response: Response): Promise<SessionPayload> {
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    throw toApiError(body, response);
  }
  const payload = body as SessionPayload;
  useSessionStore.getState().setSession(payload);
  return payload;
}

export async function login(values: { email: string; password: string }) {
  return readSession(await postSession("login", values));
}

/**
 * Signs up and, when the same credentials log in (the usual case), starts the session. Otherwise
 * the API's neutral answer: a mail is on its way to the address, and it says what to do next.
 * Only the account's four fields are sent: the API refuses any other (the form's consent box).
 */
export async function register(values: {
  email: string;
  password: string;
  full_name: string;
  tenant_name: string;
}): Promise<{ status: "signed_in" } | { status: "check_email"; email: string }> {
  const { email, password, full_name, tenant_name } = values;
  const response = await postSession("register", { email, password, full_name, tenant_name });
  if (response.status === 202) {
    const body = (await response.json().catch(() => null)) as { email?: string } | null;
    return { status: "check_email", email: body?.email ?? values.email };
  }
  await readSession(response);
  return { status: "signed_in" };
}

/** The one lock every change of the refresh cookie is made under (see refreshSession). */
const sessionLock = "svontai-session-refresh";

async function underSessionLock<T>(task: () => Promise<T>): Promise<T> {
  if (typeof navigator !== "undefined" && "locks" in navigator) {
    return (await navigator.locks.request(sessionLock, task)) as T;
  }
  return task();
}

/**
 * Changes the password. The API ends every session, this one too, and answers with a new one,
 * which the route handler stores in the cookie. Under the refresh lock: a tab refreshing at the
 * same moment with the old cookie would be refused and clear the new one.
 */
export async function changePassword(values: { current_password: string; new_password: string }) {
  return underSessionLock(async () => {
    const send = () =>
      postSession("password", values, { method: "PUT", accessToken: useSessionStore.getState().accessToken });
    let response = await send();
    if (response.status === 401 && (await doRefresh())) response = await send();
    return readSession(response);
  });
}

let inflight: Promise<string | null> | null = null;

async function doRefresh(): Promise<string | null> {
  const response = await postSession("refresh");
  if (response.status === 401) {
    useSessionStore.getState().clear();
    return null;
  }
  const payload = await readSession(response);
  return payload.access_token;
}

function refreshUnderLock(): Promise<string | null> {
  return underSessionLock(doRefresh);
}

/**
 * Exchanges the refresh cookie for a new access token. Calls are collapsed
 * into one in this tab, and serialised across tabs with the Web Locks API:
 * the API rotates refresh tokens and revokes the family when an old one is
 * reused, so two tabs must never present the same cookie.
 * Resolves to null when no session can be restored.
 */
export function refreshSession(): Promise<string | null> {
  if (!inflight) {
    // A tab that waited for the lock sends the cookie the previous holder
    // just rotated in, so every refresh presents the newest token.
    inflight = refreshUnderLock().finally(() => {
      inflight = null;
    });
  }
  return inflight;
}

export async function logout() {
  try {
    await postSession("logout");
  } finally {
    useSessionStore.getState().clear();
  }
}
