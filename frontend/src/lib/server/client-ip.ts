import "server-only";

import { createHmac } from "node:crypto";
import { isIP } from "node:net";

import type { NextRequest } from "next/server";

/**
 * The visitor's address as the platform in front of this server reports it: the first entry of
 * X-Forwarded-For, else X-Real-IP. On Vercel both are set by the platform (a client cannot forge
 * them); behind a proxy of your own, make sure it overwrites X-Forwarded-For rather than
 * appending to what the client sent, or do not set CLIENT_IP_SECRET there (`next start` on its
 * own fills the header in only when the client left it out).
 */
export function visitorIp(request: NextRequest): string | null {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  const candidate = forwarded || request.headers.get("x-real-ip")?.trim();
  return candidate ? normalise(candidate) : null;
}

/** A bare IPv4/IPv6 address, or null; some proxies add the port ("1.2.3.4:5678", "[::1]:5678"). */
function normalise(value: string): string | null {
  if (isIP(value)) return value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1] && isIP(bracketed[1])) return bracketed[1];
  const withPort = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(value);
  if (withPort?.[1] && isIP(withPort[1])) return withPort[1];
  return null;
}

/**
 * The X-Client-Ip header the API trusts for its per-IP limits (login, sign-up, reset links):
 * `{ip}.{epochSeconds}.{hex HMAC-SHA256 of "{ip}.{epochSeconds}" under CLIENT_IP_SECRET}`, valid
 * for 60 s. Without it the API would count every visitor as this server's one address.
 * Null when CLIENT_IP_SECRET (server-only: never NEXT_PUBLIC_) is unset or no address is known.
 */
export function clientIpHeader(request: NextRequest, now: number = Date.now()): string | null {
  const secret = process.env.CLIENT_IP_SECRET;
  if (!secret) return null;
  const ip = visitorIp(request);
  if (!ip) return null;
  const signed = `${ip}.${Math.floor(now / 1000)}`;
  const signature = createHmac("sha256", secret).update(signed).digest("hex");
  return `${signed}.${signature}`;
}
