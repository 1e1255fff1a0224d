import { NextResponse, type NextRequest } from "next/server";

import {
  callBackend,
  isSameOrigin,
  loadMe,
  problemResponse,
  setRefreshCookie,
  type TokensBody,
} from "@/lib/server/session-cookie";

export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const credentials: unknown = await request.json().catch(() => null);
  if (!credentials || typeof credentials !== "object") return problemResponse(400, "malformed_json", "Malformed JSON");

  const login = await callBackend(request, "/auth/login", { body: credentials });
  if (!login.ok) return login.response;
  const { user, tokens } = login.body as { user: unknown; tokens: TokensBody };

  const me = await loadMe(request, tokens.access_token);
  const tenants = me.ok ? (me.body as { tenants: unknown[] }).tenants : [];

  const response = NextResponse.json({ access_token: tokens.access_token, expires_in: tokens.expires_in, user, tenants });
  setRefreshCookie(request, response, tokens.refresh_token, tokens.refresh_expires_in);
  return response;
}
