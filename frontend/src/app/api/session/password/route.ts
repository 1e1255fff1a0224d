import { type NextRequest } from "next/server";

import { callBackend, isSameOrigin, problemResponse, sessionResponse, type TokensBody } from "@/lib/server/session-cookie";

/**
 * Changing the password ends every session of the user, this browser's included, and the API
 * answers with a new one: its refresh token must replace the cookie here, where the page's
 * scripts never see it. The page sends its access token; the answer is the session payload
 * login gives (access token, user, tenants).
 */
export async function PUT(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const authorization = request.headers.get("authorization") ?? "";
  const accessToken = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!accessToken) return problemResponse(401, "unauthorized", "No access token");
  const values: unknown = await request.json().catch(() => null);
  if (!values || typeof values !== "object") return problemResponse(400, "malformed_json", "Malformed JSON");
  const { current_password, new_password } = values as { current_password?: unknown; new_password?: unknown };

  const result = await callBackend(request, "/me/password", {
    method: "PUT",
    body: { current_password, new_password },
    accessToken,
  });
  if (!result.ok) return result.response;
  const { tokens } = result.body as { tokens: TokensBody };

  // The old cookie's session has ended: the new one is stored whatever /me says.
  return sessionResponse(request, tokens);
}
