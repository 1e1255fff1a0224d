/** Base URL of the SvontAi API as the browser sees it (API calls, widget.js). */
export const apiBaseUrl = (process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8000").replace(/\/+$/, "");

/** Where widget.js is served from (a CDN in production; the API gateway locally). */
export const widgetBaseUrl = (process.env.NEXT_PUBLIC_WIDGET_URL ?? apiBaseUrl).replace(/\/+$/, "");

/**
 * The snippet a business pastes into its site. When widget.js comes from a CDN rather than the
 * API, the widget cannot derive the API from its own URL, so `data-api` names it.
 */
export function embedSnippet(publicKey: string): string {
  const api = widgetBaseUrl === apiBaseUrl ? "" : ` data-api="${apiBaseUrl}"`;
  return `<script src="${widgetBaseUrl}/widget.js" data-bot-key="${publicKey}"${api} async></script>`;
}

/**
 * Meta's Embedded Signup ("Connect with Facebook"): the platform app and its Facebook Login for
 * Business configuration, or locally the WhatsApp simulator's stand-in page. Neither set: only
 * the manual connection form is offered.
 */
export const embeddedSignup = {
  appId: process.env.NEXT_PUBLIC_META_APP_ID ?? "",
  configId: process.env.NEXT_PUBLIC_META_SIGNUP_CONFIG_ID ?? "",
  simulatorUrl: process.env.NEXT_PUBLIC_WHATSAPP_SIGNUP_URL ?? "",
};
