"use client";

import { ApiError, networkProblem, toApiError } from "@/lib/api/problem";
import { useSessionStore, type SessionPayload } from "@/stores/session";

/**
 * Client side of the session. The refresh token lives in an httpOnly cookie
 * set by the /api/session/* route handlers; this module only ever sees the
 * short-lived access token, which it keeps in the Zustand store (memory).
 */

async function postSession(path: string, body?: unknown): Promise<Response> {
  try {
    return await fetch(`/api/session/${path}`, {
      method: "POST",
      credentials: "same-origin",
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
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

export async function register(values: { email: string; password: string; full_name: string; tenant_name: string }) {
  return readSession(await postSession("register", values));
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

async function refreshUnderLock(): Promise<string | null> {
  if (typeof navigator !== "undefined" && "locks" in navigator) {
    return navigator.locks.request("svontai-session-refresh", doRefresh);
  }
  return doRefresh();
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
