import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError, createApi } from '../src/api.js';

const SESSION = { conversation_id: 'c1', visitor_token: 'vt' };
// A fake fetch that records requests and answers with `response`.
function fakeFetch(response) {
  const calls = [];
  const fetch = async (url, init) => {
    calls.push({ url, ...init, body: init.body && JSON.parse(init.body) });
    if (response instanceof Error) throw response;
    return new Response(response.body === undefined ? null : JSON.stringify(response.body), response);
  };
  return { fetch, calls };
}

describe('public API client', () => {
  test('send posts the message with the visitor token', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: { reply: null, ask_contact: false } });
    const r = await createApi('https://api.test', fetch).send(SESSION, 'Merhaba');
    assert.deepEqual(r, { reply: null, ask_contact: false });
    assert.equal(calls[0].url, 'https://api.test/public/chat/send');
    assert.equal(calls[0].method, 'POST');
    assert.equal(calls[0].headers.Authorization, 'Bearer vt');
    assert.equal(calls[0].credentials, 'omit');
    assert.deepEqual(calls[0].body, { conversation_id: 'c1', message: 'Merhaba' });
  });

  test('messages asks for everything without a cursor and only newer ones with one', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: { items: [], next_cursor: null } });
    const api = createApi('https://api.test', fetch);
    await api.messages(SESSION);
    await api.messages(SESSION, '01jf3k9x4w2m8r7t6y5v4c3b2a');
    assert.equal(calls[0].url, 'https://api.test/public/chat/messages?conversation_id=c1');
    assert.equal(calls[1].url, 'https://api.test/public/chat/messages?conversation_id=c1&after=01jf3k9x4w2m8r7t6y5v4c3b2a');
    assert.equal(calls[1].body, null);
  });

  test('init sends no token and leaves out an unknown visitor', async () => {
    const { fetch, calls } = fakeFetch({ status: 200, body: {} });
    await createApi('https://api.test', fetch).init('pk');
    assert.deepEqual(calls[0].body, { bot_public_key: 'pk' });
    assert.equal(calls[0].headers.Authorization, undefined);
  });

  test('a 429 problem becomes an ApiError with its detail and Retry-After', async () => {
    const detail = 'Çok fazla mesaj gönderdiniz.';
    const { fetch } = fakeFetch({
      status: 429,
      headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '30' },
      body: { code: 'rate_limited', status: 429, detail },
    });
    const err = await createApi('https://api.test', fetch).send(SESSION, 'x').catch((e) => e);
    assert.ok(err instanceof ApiError);
    assert.equal(err.status, 429);
    assert.equal(err.detail, detail);
    assert.equal(err.retryAfter, 30);
  });

  test('a 422 keeps the field errors', async () => {
    const errors = [{ field: 'email', code: 'invalid_email', message: 'must be a valid email address' }];
    const { fetch } = fakeFetch({ status: 422, body: { status: 422, detail: '1 field is invalid', errors } });
    const err = await createApi('https://api.test', fetch).lead({}).catch((e) => e);
    assert.deepEqual(err.errors, errors);
  });

  test('a network failure is status 0; a non-JSON error body still gives the status', async () => {
    const offline = await createApi('https://api.test', fakeFetch(new TypeError('Failed to fetch')).fetch).lead({}).catch((e) => e);
    assert.equal(offline.status, 0);
    const gateway = await createApi('https://api.test', async () => new Response('<html>Bad gateway</html>', { status: 502 })).lead({}).catch((e) => e);
    assert.equal(gateway.status, 502);
    assert.equal(gateway.detail, '');
    assert.equal(gateway.retryAfter, 0);
  });
});
