import { NextResponse, type NextRequest } from "next/server";

import {
  callBackend,
  isSameOrigin,
  problemResponse,
  setRefreshCookie,
  type TokensBody,
} from "@/lib/server/session-cookie";

export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const values: unknown = await request.json().catch(() => null);
  if (!values || typeof values !== "object") return problemResponse(400, "malformed_json", "Malformed JSON");

  const result = await callBackend(request, "/auth/register", { body: values });
  if (!result.ok) return result.response;
  const { user, tenant, tokens } = result.body as { user: unknown; tenant: unknown; tokens: TokensBody };

  const response = NextResponse.json(
    { access_token: tokens.access_token, expires_in: tokens.expires_in, user, tenants: [tenant] },
    { status: 201 },
  );
  setRefreshCookie(request, response, tokens.refresh_token, tokens.refresh_expires_in);
  return response;
}
