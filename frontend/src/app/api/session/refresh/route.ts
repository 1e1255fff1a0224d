import { type NextRequest } from "next/server";

import {
  callBackend,
  clearRefreshCookie,
  isSameOrigin,
  problemResponse,
  refreshCookieName,
  sessionResponse,
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

  // The old token is spent either way: the rotated one is always stored.
  return sessionResponse(request, tokens);
}
