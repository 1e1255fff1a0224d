"use client";

/**
 * The calendar feed routes (GET/POST/DELETE /calendar-feed), typed by hand until
 * docs/openapi.yaml documents them: once it does, `npm run gen:api`, name the generated schemas
 * in types.ts, call them through `api` (client.ts) and delete this file.
 */
import createClient from "openapi-fetch";

import { authFetch } from "@/lib/api/client";
import type { components } from "@/lib/api/schema";
import { apiBaseUrl } from "@/lib/env";

type Responses = components["responses"];

/** Whether the tenant has a secret feed URL (the URL itself is shown only when created). */
export type CalendarFeedStatus = { active: boolean; created_at: string | null };

/** A new secret feed URL (`…/public/calendar/<token>`); any earlier one stopped working. */
export type CalendarFeedLink = { url: string; created_at: string };

type Headers = { [name: string]: unknown };
type Parameters = {
  query?: never;
  header?: { "X-Tenant-Id"?: components["parameters"]["TenantId"] };
  path?: never;
  cookie?: never;
};
type Problems = {
  401: Responses["Unauthorized"];
  403: Responses["Forbidden"];
  500: Responses["InternalError"];
  503: Responses["ServiceUnavailable"];
};

export type CalendarFeedPaths = {
  "/calendar-feed": {
    parameters: Parameters;
    /** The tenant's feed: active or not, and since when. */
    get: {
      parameters: Parameters;
      requestBody?: never;
      responses: { 200: { headers: Headers; content: { "application/json": CalendarFeedStatus } } } & Problems;
    };
    put?: never;
    /** Creates the tenant's secret feed URL, or replaces it (the old URL stops working at once). */
    post: {
      parameters: Parameters;
      requestBody?: never;
      responses: { 201: { headers: Headers; content: { "application/json": CalendarFeedLink } } } & Problems;
    };
    /** Revokes the feed URL. */
    delete: {
      parameters: Parameters;
      requestBody?: never;
      responses: { 204: { headers: Headers; content?: never } } & Problems;
    };
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
};

/** `api` for the feed routes: the same base URL, token, tenant and refresh. */
export const calendarFeedApi = createClient<CalendarFeedPaths>({ baseUrl: apiBaseUrl, fetch: authFetch });
