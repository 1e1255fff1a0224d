//! The public (widget) routes of the SvontAi API. Failures become ApiError; problem JSON is read for
//! its status, `detail` (human text in the bot's language) and field `errors`.

export class ApiError extends Error {
  // status 0 = the request never got an answer (offline, DNS, CORS, timeout).
  constructor(status, problem, retryAfter) {
    const detail = problem && typeof problem.detail == 'string' ? problem.detail.slice(0, 300) : '';
    super(detail || 'HTTP ' + status);
    this.status = status;
    this.detail = detail;
    this.errors = (problem && Array.isArray(problem.errors) && problem.errors) || [];
    // Retry-After in seconds (the HTTP-date form is not used by our API); capped so a bad value can't lock the UI.
    this.retryAfter = Math.min(Number(retryAfter) || 0, 300);
  }
}

const timeout = () => (typeof AbortSignal != 'undefined' && AbortSignal.timeout ? AbortSignal.timeout(30000) : undefined);

export function createApi(base, fetchImpl = (...a) => fetch(...a)) {
  async function call(method, path, body, token) {
    const headers = { Accept: 'application/json' };
    if (body) headers['Content-Type'] = 'application/json';
    if (token) headers.Authorization = 'Bearer ' + token;
    let res;
    try {
      // credentials omitted: the visitor token is the only identity, host cookies never travel.
      res = await fetchImpl(base + path, {
        method,
        headers,
        body: body && JSON.stringify(body),
        credentials: 'omit',
        signal: timeout(),
      });
    } catch {
      throw new ApiError(0);
    }
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data, res.headers.get('Retry-After'));
    return data;
  }

  return {
    init: (botKey, userId) => call('POST', '/public/chat/init', { bot_public_key: botKey, external_user_id: userId }),
    send: (s, message) =>
      call('POST', '/public/chat/send', { conversation_id: s.conversation_id, message }, s.visitor_token),
    // Without `after` the server returns the whole history.
    messages: (s, after) =>
      call(
        'GET',
        '/public/chat/messages?' +
          new URLSearchParams(after ? { conversation_id: s.conversation_id, after } : { conversation_id: s.conversation_id }),
        null,
        s.visitor_token,
      ),
    // The token is only sent with a conversation_id: it proves the conversation is the visitor's own.
    lead: (body, token) => call('POST', '/public/leads', body, token),
  };
}
