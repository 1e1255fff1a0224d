import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

/** The origin of a URL from the environment, or nothing when it is unset or not a URL. */
function originOf(url: string | undefined): string[] {
  if (!url) return [];
  try {
    return [new URL(url).origin];
  } catch {
    return [];
  }
}

const development = process.env.NODE_ENV === "development";
// The same defaults as src/lib/env.ts (the browser's view of the API and of widget.js).
const apiUrl = process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8000";
const apiOrigin = originOf(apiUrl);
const widgetOrigin = originOf(process.env.NEXT_PUBLIC_WIDGET_URL ?? apiUrl);
// WhatsApp media are shown from short-lived presigned storage links: S3 over https in
// production (allowed by `https:`), the local moto server (AWS_ENDPOINT_URL, plain http) in
// development and the browser tests.
const mediaOrigins = [...apiOrigin, ...originOf(process.env.AWS_ENDPOINT_URL)];
const facebook = ["https://*.facebook.com", "https://graph.facebook.com"];

/**
 * Content-Security-Policy, computed from the environment when the app is built (`next build`
 * bakes headers() into the routes manifest, as it inlines the NEXT_PUBLIC_ values) or when
 * `next dev` starts.
 *
 * script-src needs 'unsafe-inline': Next.js streams its bootstrap and the React Server
 * Components payload as inline <script> tags (self.__next_f.push(...)), and next-themes adds an
 * inline script that sets the theme before the first paint. Without nonces, a policy without
 * 'unsafe-inline' blocks them and no page hydrates. What would remove it: a per-request nonce
 * (generate it in src/proxy.ts, send `script-src 'self' 'nonce-…' 'strict-dynamic'` from there
 * and pass the nonce to next-themes' ThemeProvider), which makes every page dynamically
 * rendered; or Next.js's experimental SRI with hashes for statically built pages. The other
 * directives still keep injected markup from loading scripts from, or sending data to, other
 * origins.
 * 'unsafe-eval' only in development: React's dev tooling and hot reloading evaluate code.
 *
 * - widget.js is loaded by the live preview, an iframe with srcdoc: such a frame inherits this
 *   policy, so the widget's origin is in script-src and the API (which it calls) in connect-src.
 *   A srcdoc frame loads no URL, so frame-src needs no entry for it.
 * - Facebook's SDK (Embedded Signup, facebook-connect.tsx) comes from connect.facebook.net,
 *   talks to graph.facebook.com and www.facebook.com and draws its dialogs in facebook.com
 *   frames. Locally NEXT_PUBLIC_WHATSAPP_SIGNUP_URL (the simulator's stand-in for Facebook's
 *   window) opens as a popup and answers with postMessage: neither is governed by this policy.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  ["script-src 'self' 'unsafe-inline'", ...(development ? ["'unsafe-eval'"] : []), "https://connect.facebook.net", ...widgetOrigin].join(" "),
  "style-src 'self' 'unsafe-inline'",
  ["img-src 'self' data: blob: https:", ...mediaOrigins].join(" "),
  ["media-src 'self' blob: https:", ...mediaOrigins].join(" "),
  "font-src 'self' data:",
  // In development the hot-reload socket (ws:) too.
  ["connect-src 'self'", ...apiOrigin, ...facebook, ...(development ? ["ws:", "wss:"] : [])].join(" "),
  ["frame-src 'self'", ...facebook].join(" "),
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  // No other site may frame the dashboard (clickjacking); X-Frame-Options says it to old browsers.
  "frame-ancestors 'none'",
].join("; ");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: contentSecurityPolicy },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
