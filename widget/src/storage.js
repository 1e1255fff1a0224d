//! The visitor's session ({conversation_id, external_user_id, visitor_token, bot}), kept per bot key.

// localStorage can throw on access (Safari private mode, blocked third-party storage, quota), and the
// host page can leave anything under our key: every access is guarded, and a failure only means the
// visitor starts a new conversation.
export function sessionStore(botKey, storage = () => window.localStorage) {
  const key = 'svontai:' + botKey;
  const guard = (fn) => {
    try {
      return fn(storage());
    } catch {
      return null;
    }
  };
  return {
    get: () =>
      guard((s) => {
        const v = JSON.parse(s.getItem(key));
        return v && typeof v.conversation_id == 'string' && typeof v.visitor_token == 'string' ? v : null;
      }),
    set: (v) => guard((s) => s.setItem(key, JSON.stringify(v))),
    clear: () => guard((s) => s.removeItem(key)),
  };
}
