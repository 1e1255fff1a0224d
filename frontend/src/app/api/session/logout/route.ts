import { NextResponse, type NextRequest } from "next/server";

import {
  callBackend,
  clearRefreshCookie,
  isSameOrigin,
  problemResponse,
  refreshCookieName,
} from "@/lib/server/session-cookie";

export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const refreshToken = request.cookies.get(refreshCookieName)?.value;
  if (refreshToken) {
    // Best effort: the cookie is cleared even when the API cannot be reached.
    await callBackend(request, "/auth/logout", { body: { refresh_token: refreshToken } });
  }
  const response = new NextResponse(null, { status: 204 });
  clearRefreshCookie(request, response);
  return response;
}
