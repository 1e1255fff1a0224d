import { NextResponse, type NextRequest } from "next/server";

import {
  callBackend,
  clearRefreshCookie,
  isSameOrigin,
  loadMe,
  problemResponse,
  refreshCookieName,
  setRefreshCookie,
  type TokensBody,
} from "@/lib/server/session-cookie";

export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const refreshToken = request.cookies.get(refreshCookieName)?.value;
  if (!refreshToken) return problemResponse(401, "unauthorized", "No session");

  const result = await callBackend(request, "/auth/refresh", { body: { refresh_token: refreshToken } });
  if (!result.ok) {
    // A rejected token will never work again: forget it so /dashboard stops trying.
    if (result.response.status === 401) clearRefreshCookie(request, result.response);
    return result.response;
  }
  const { tokens } = result.body as { tokens: TokensBody };

  const me = await loadMe(request, tokens.access_token);
  let response: NextResponse;
  if (me.ok) {
    const { user, tenants } = me.body as { user: unknown; tenants: unknown[] };
    response = NextResponse.json({ access_token: tokens.access_token, expires_in: tokens.expires_in, user, tenants });
  } else {
    response = me.response;
  }
  // The old token is spent either way: always store the rotated one.
  setRefreshCookie(request, response, tokens.refresh_token, tokens.refresh_expires_in);
  return response;
}
