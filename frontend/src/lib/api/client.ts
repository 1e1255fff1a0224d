"use client";

import createClient from "openapi-fetch";

import { apiBaseUrl } from "@/lib/env";
import { ApiError, networkProblem, toApiError } from "@/lib/api/problem";
import type { paths } from "@/lib/api/schema";
import { refreshSession } from "@/lib/session";
import { useSessionStore } from "@/stores/session";

function withAuth(request: Request): Request {
  const { accessToken, tenantId } = useSessionStore.getState();
  const headers = new Headers(request.headers);
  if (accessToken) headers.set("Authorization", `Bearer ${accessToken}`);
  if (tenantId) headers.set("X-Tenant-Id", tenantId);
  return new Request(request, { headers });
}

async function send(request: Request): Promise<Response> {
  try {
    return await fetch(withAuth(request));
  } catch {
    throw new ApiError(networkProblem);
  }
}

/**
 * fetch for every API call: adds the bearer token and tenant, and on a 401
 * refreshes the session once and retries the same request.
 */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  const response = await send(request);
  if (response.status !== 401) return response;
  const token = await refreshSession();
  if (!token) return response;
  return send(retry);
}

/** The typed API client (paths and bodies from docs/openapi.yaml). */
export const api = createClient<paths>({ baseUrl: apiBaseUrl, fetch: authFetch });

async function publicFetch(request: Request): Promise<Response> {
  try {
    return await fetch(request);
  } catch {
    throw new ApiError(networkProblem);
  }
}

/**
 * The same client for the routes anyone may call (password reset, e-mail links): no bearer
 * token, no tenant, no refresh. Called from the browser, so the API's per-IP limits see the
 * visitor's own address.
 */
export const publicApi = createClient<paths>({ baseUrl: apiBaseUrl, fetch: publicFetch });

type FetchResult = { data?: unknown; error?: unknown; response: Response };
/** The success body of an openapi-fetch result; `void` for bodiless (204) answers. */
type DataOf<R extends FetchResult> = [NonNullable<R["data"]>] extends [never] ? void : NonNullable<R["data"]>;

/** Resolves to the body of a successful call, or throws an ApiError. */
export async function unwrap<R extends FetchResult>(call: Promise<R>): Promise<DataOf<R>> {
  const { data, error, response } = await call;
  if (!response.ok) throw toApiError(error, response);
  return data as DataOf<R>;
}

/** Saves a file body (CSV exports) the way a download link would. */
export function saveBlob(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Saves the file a call made with `parseAs: "blob"` answers (CSV exports), named as the API
 * names it (else `fallback`), or throws its ApiError. The call goes through the authenticated
 * client, so it sends the token a plain link could not.
 */
export async function downloadFile(call: Promise<{ data?: Blob; error?: unknown; response: Response }>, fallback: string) {
  const { data, error, response } = await call;
  if (!response.ok || !data) throw toApiError(error, response);
  saveBlob(data, filenameFrom(response, fallback));
}

/** The file name from a Content-Disposition header, if it names one. */
export function filenameFrom(response: Response, fallback: string): string {
  const header = response.headers.get("Content-Disposition") ?? "";
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}
