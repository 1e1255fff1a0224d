import { NextResponse, type NextRequest } from "next/server";

import { callBackend, isSameOrigin, problemResponse } from "@/lib/server/session-cookie";

/**
 * GET /bots/{bot_id}/whatsapp-integration for the settings page, read from here rather than by
 * the browser: the API answers 404 for a bot that has no integration (by design), and the
 * browser logs every 404 it fetches as a console error, though for the page it only means "not
 * connected". This answers 200 with `{ integration }`, null when there is none, and passes
 * every other answer on as the API gave it (401 makes the page refresh its token and retry).
 * Saving and removing the integration still go from the browser to the API.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ botId: string }> }) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const accessToken = /^Bearer (\S+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!accessToken) return problemResponse(401, "unauthorized", "No session");
  const { botId } = await params;
  const result = await callBackend(request, `/bots/${encodeURIComponent(botId)}/whatsapp-integration`, {
    method: "GET",
    accessToken,
    tenantId: request.headers.get("x-tenant-id") ?? undefined,
  });
  if (result.ok) return NextResponse.json({ integration: result.body }, { headers: { "Cache-Control": "no-store" } });
  if (result.response.status === 404) {
    const problem = (await result.response.clone().json().catch(() => null)) as { code?: string; detail?: string } | null;
    // The API's own "not found" (no integration, or not this tenant's bot: the same to the page).
    // A gateway without the route says "No route serves this request": passed on, the page
    // shows that it could not load.
    if (problem?.code === "not_found" && !/no route/i.test(problem.detail ?? "")) {
      return NextResponse.json({ integration: null }, { headers: { "Cache-Control": "no-store" } });
    }
  }
  return result.response;
}
