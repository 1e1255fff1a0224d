//! Reads the embed snippet: the only place the host page's data-* attributes are touched.

// Every attribute the snippet understands, declared once:
// <script src=".../widget.js" data-bot-key="PUBLIC_KEY" data-api="https://api.example.com" async>
export const ATTRS = ['data-bot-key', 'data-api'];
const [KEY, API] = ATTRS;

// currentScript is only set while the script first runs; the attribute lookup covers loaders that inject it.
export function findScript(doc) {
  return doc.currentScript || doc.querySelector('script[' + KEY + ']');
}

// -> {botKey, api} or null when the snippet is unusable (no key, no http(s) base).
export function readConfig(script, pageUrl) {
  // Page-supplied text: trimmed and capped before it reaches a request body.
  const botKey = script && (script.getAttribute(KEY) || '').trim().slice(0, 200);
  const api = botKey && apiBase(script.getAttribute(API), script.src, pageUrl);
  return api ? { botKey, api } : null;
}

// The API lives at data-api when given; otherwise beside the script itself (the gateway and the CDN
// route /public/* to it), so one snippet works for every environment.
export function apiBase(explicit, src, pageUrl) {
  const url = (u) => {
    try {
      const parsed = new URL(u, pageUrl);
      return /^https?:$/.test(parsed.protocol) ? parsed : null;
    } catch {
      return null;
    }
  };
  const given = explicit && url(explicit.trim());
  if (given) return given.href.replace(/\/+$/, '');
  const own = src && url(src);
  return own ? own.origin : null;
}
