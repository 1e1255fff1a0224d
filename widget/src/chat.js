//! The visitor's side of the conversation, without any DOM: the session (init, resume after a
//! reload, re-init when the token or the conversation is rejected), the polling cursor, and which
//! messages have already been shown.

const MAX_PAGES = 20;

// api: createApi(…); store: sessionStore(…); onReset(init): the conversation was replaced by a new one
// mid-session (the old one was deleted), so the UI starts over with the new welcome message.
export function createChat(api, store, botKey, onReset) {
  let session = store.get(); // {conversation_id, external_user_id, visitor_token, bot}
  let cursor; // `after` for the next poll: the newest message id the server has listed
  let seen = new Set(); // ids already handed to the UI; sends report their messages before polling does
  let sending = false;
  let connecting = null;

  // Concurrent failures (a poll and a send both refused) share one init.
  const connect = (fresh) => (connecting = connecting || init(fresh).finally(() => (connecting = null)));

  async function init(fresh) {
    const userId = !fresh && session ? session.external_user_id : undefined;
    let r;
    try {
      r = await api.init(botKey, userId);
    } catch (e) {
      // A stored visitor id the server no longer accepts: carry on as a new visitor.
      if (!userId || (e.status != 400 && e.status != 422)) throw e;
      r = await api.init(botKey);
    }
    const changed = !session || session.conversation_id != r.conversation_id;
    session = {
      conversation_id: r.conversation_id,
      external_user_id: r.external_user_id,
      visitor_token: r.visitor_token,
      bot: r.bot || {},
    };
    store.set(session);
    if (changed) reset();
    return { r, changed };
  }

  function reset() {
    cursor = undefined;
    seen = new Set();
  }

  // 401: the visitor token expired or was refused → a fresh one for the same visitor.
  // 404: the conversation is gone (deleted by the business) or not ours → a new visitor, a new conversation.
  // Either way the call is made once more, so the visitor just carries on.
  async function authed(call) {
    try {
      return await call(session);
    } catch (e) {
      if (e.status != 401 && e.status != 404) throw e;
      const { r, changed } = await connect(e.status == 404);
      if (changed) onReset(r);
      return call(session);
    }
  }

  // -> true the first time a message is seen.
  function fresh(m) {
    if (!m || seen.has(m.id)) return false;
    if (m.id) seen.add(m.id);
    return true;
  }

  return {
    get bot() {
      return session && session.bot;
    },
    get session() {
      return session;
    },

    // The first open on this page: continue the stored visitor's conversation (or start one) with a fresh
    // token; the UI then shows everything from the beginning. -> the init response.
    async start() {
      const { r } = await connect(false);
      reset();
      return r;
    },

    // -> messages not shown yet, oldest first.
    async fetchNew() {
      const out = [];
      for (let page = 0; page < MAX_PAGES; page++) {
        const before = cursor;
        const r = await authed((s) => api.messages(s, cursor));
        // While a send is on its way its own message may already be listed; it is shown when the send
        // answers. Another fetch or a reset that moved the cursor meanwhile owns this page. Either way the
        // page is left for the next poll.
        if (sending || cursor !== before) break;
        const items = (r && r.items) || [];
        for (const m of items) if (fresh(m)) out.push(m);
        cursor = (r && r.next_cursor) || (items.length ? items[items.length - 1].id : cursor);
        if (!items.length || !r.next_cursor || r.next_cursor == before) break;
      }
      return out;
    },

    // -> {reply: the bot's reply or null (handed off, or already shown), ask_contact}.
    // The cursor is not moved: a poll still lists whatever arrived before these messages.
    async send(text) {
      sending = true;
      try {
        const r = await authed((s) => api.send(s, text));
        fresh(r.user_message);
        return { reply: fresh(r.reply) ? r.reply : null, ask_contact: !!r.ask_contact };
      } finally {
        sending = false;
      }
    },

    // The lead is tied to the conversation when there is one (the visitor token proves it is ours).
    // Empty optional fields are left out: the API wants at least one of email/phone, not empty strings.
    lead({ name, email, phone }) {
      const body = { bot_public_key: botKey, name };
      if (email) body.email = email;
      if (phone) body.phone = phone;
      return session
        ? authed((s) => api.lead({ ...body, conversation_id: s.conversation_id }, s.visitor_token))
        : api.lead(body);
    },
  };
}
