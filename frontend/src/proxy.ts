import { NextResponse, type NextRequest } from "next/server";

/** Must match refreshCookieName in lib/server/session-cookie.ts (kept import-free for the proxy bundle). */
const refreshCookieName = "svontai_rt";

/**
 * Optimistic gate for the dashboard: without a refresh cookie no session can
 * be restored, so go to /login straight away. Whether the cookie is still
 * valid is checked client-side (SessionGate), which also redirects.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has(refreshCookieName)) return NextResponse.next();
  const login = new URL("/login", request.url);
  login.searchParams.set("next", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = {
  matcher: ["/dashboard", "/dashboard/:path*"],
};
