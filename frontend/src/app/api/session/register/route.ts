import { NextResponse, type NextRequest } from "next/server";

import { callBackend, isSameOrigin, problemResponse, sessionResponse, type TokensBody } from "@/lib/server/session-cookie";

/**
 * Sign-up, then straight into the dashboard. The API answers every valid sign-up with the same
 * 202 "check your mail" (so it cannot tell who has an account) and no session; an unverified
 * user may log in at once, so this logs in with the same credentials. When that fails (the
 * address already had an account with another password, or login is rate-limited), the page
 * gets the same neutral 202 the API gave: the mail tells the owner what to do.
 */
export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const values: unknown = await request.json().catch(() => null);
  if (!values || typeof values !== "object") return problemResponse(400, "malformed_json", "Malformed JSON");

  const result = await callBackend(request, "/auth/register", { body: values });
  if (!result.ok) return result.response;
  const { email } = result.body as { status: "check_email"; email: string };
  const checkEmail = NextResponse.json({ status: "check_email", email }, { status: 202 });

  const { password } = values as { password?: unknown };
  const login = await callBackend(request, "/auth/login", { body: { email, password } });
  if (!login.ok) return checkEmail;
  const { user, tokens } = login.body as { user: unknown; tokens: TokensBody };

  return sessionResponse(request, tokens, { user, status: 201 });
}
