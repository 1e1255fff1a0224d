import { type NextRequest } from "next/server";

import { callBackend, isSameOrigin, problemResponse, sessionResponse, type TokensBody } from "@/lib/server/session-cookie";

export async function POST(request: NextRequest) {
  if (!isSameOrigin(request)) return problemResponse(403, "forbidden", "Cross-site request");
  const credentials: unknown = await request.json().catch(() => null);
  if (!credentials || typeof credentials !== "object") return problemResponse(400, "malformed_json", "Malformed JSON");

  const login = await callBackend(request, "/auth/login", { body: credentials });
  if (!login.ok) return login.response;
  const { user, tokens } = login.body as { user: unknown; tokens: TokensBody };
  return sessionResponse(request, tokens, { user });
}
