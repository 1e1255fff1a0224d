import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../src/api.js';
import { createChat } from '../src/chat.js';
import { sessionStore } from '../src/storage.js';

const BOT = { name: 'Test Kliniği', primary_color: '#0EA5E9', widget_position: 'right', language: 'tr' };
const message = (id, sender = 'bot', content = 'm' + id) => ({ id, conversation_id: 'c1', sender, content });

// A stand-in for the public API that follows the contract: one visitor per external id, one conversation each,
// messages listed after a cursor. `fail` queues errors for the next calls of a route.
function fakeApi() {
  const api = {
    conversations: {}, // conversation_id -> messages
    visitors: {}, // external_user_id -> conversation_id
    tokens: {}, // visitor_token -> conversation_id
    calls: [],
    failures: { init: [], send: [], messages: [], lead: [] },
    next: 0,
    fail(route, status) {
      api.failures[route].push(new ApiError(status, { detail: 'x' }, status == 429 ? '30' : null));
    },
    check(route) {
      const e = api.failures[route].shift();
      if (e) throw e;
    },
    async init(botKey, userId) {
      api.calls.push(['init', userId]);
      api.check('init');
      const external = userId || 'v_' + ++api.next;
      let id = api.visitors[external];
      if (!id || !api.conversations[id]) {
        id = 'c' + ++api.next;
        api.conversations[id] = [];
        api.visitors[external] = id;
      }
      const token = 't' + ++api.next;
      api.tokens[token] = id;
      return { conversation_id: id, external_user_id: external, visitor_token: token, bot: BOT, welcome_message: 'Merhaba!' };
    },
    async messages(s, after) {
      api.calls.push(['messages', s.conversation_id, after]);
      api.check('messages');
      const items = api.conversations[s.conversation_id].filter((m) => !after || m.id > after).slice(0, 2);
      return { items, next_cursor: items.length ? items[items.length - 1].id : after || null };
    },
    async send(s, text) {
      api.calls.push(['send', s.conversation_id, text, s.visitor_token]);
      api.check('send');
      const list = api.conversations[s.conversation_id];
      const user_message = { ...message(`m${++api.next}`, 'user', text), conversation_id: s.conversation_id };
      const reply = { ...message(`m${++api.next}`, 'bot', 'cevap'), conversation_id: s.conversation_id };
      list.push(user_message, reply);
      return { user_message, reply, status: 'bot', ask_contact: text.includes('ara') };
    },
    async lead(body, token) {
      api.calls.push(['lead', body, token]);
      api.check('lead');
      return { id: 'l1', status: 'new' };
    },
  };
  return api;
}

const memory = () => {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)), removeItem: (k) => items.delete(k) };
};

function setup({ storage = memory(), api = fakeApi() } = {}) {
  const resets = [];
  const store = sessionStore('pk', () => storage);
  const chat = createChat(api, store, 'pk', (r) => resets.push(r));
  return { api, chat, store, storage, resets };
}

describe('conversation', () => {
  test('a first visit starts a conversation and keeps the session for the next page', async () => {
    const { api, chat, storage } = setup();
    const init = await chat.start();
    assert.equal(init.welcome_message, 'Merhaba!');
    assert.deepEqual(api.calls, [['init', undefined]]);
    assert.deepEqual(chat.bot, BOT);
    const saved = sessionStore('pk', () => storage).get();
    assert.deepEqual(saved, { conversation_id: init.conversation_id, external_user_id: init.external_user_id, visitor_token: init.visitor_token, bot: BOT });
  });

  test('a returning visitor continues the same conversation with its whole history', async () => {
    const first = setup();
    await first.chat.start();
    await first.chat.send('Merhaba');

    const again = setup({ storage: first.storage, api: first.api });
    assert.deepEqual(again.chat.bot, BOT, 'the bot is known before any request, for the launcher');
    const init = await again.chat.start();
    assert.equal(init.conversation_id, first.chat.session.conversation_id);
    assert.deepEqual(first.api.calls.at(-1), ['init', first.chat.session.external_user_id]);
    const history = await again.chat.fetchNew();
    assert.deepEqual(history.map((m) => m.content), ['Merhaba', 'cevap']);
  });

  test('polling pages through everything new and then only asks after the last message', async () => {
    const { api, chat } = setup();
    const { conversation_id } = await chat.start();
    api.conversations[conversation_id].push(message('a1'), message('a2'), message('a3', 'operator'));
    assert.deepEqual((await chat.fetchNew()).map((m) => m.id), ['a1', 'a2', 'a3']);
    assert.deepEqual(await chat.fetchNew(), []);
    assert.deepEqual(api.calls.at(-1), ['messages', conversation_id, 'a3']);
  });

  test('a sent message and its reply are not shown again by the next poll', async () => {
    const { chat } = setup();
    await chat.start();
    const r = await chat.send('Merhaba');
    assert.equal(r.reply.content, 'cevap');
    assert.deepEqual(await chat.fetchNew(), []);
  });

  test('an operator message written just before a send still arrives by polling', async () => {
    const { api, chat } = setup();
    const { conversation_id } = await chat.start();
    await chat.fetchNew();
    api.conversations[conversation_id].push(message('m0', 'operator', 'Ben Ayşe'));
    await chat.send('Merhaba');
    assert.deepEqual((await chat.fetchNew()).map((m) => m.content), ['Ben Ayşe']);
  });

  test('a poll that answers while a send is on its way is left for the next poll', async () => {
    const { api, chat } = setup();
    const { conversation_id } = await chat.start();
    let answerPoll;
    const realMessages = api.messages;
    api.messages = (...a) => new Promise((resolve) => (answerPoll = () => resolve(realMessages(...a))));
    const poll = chat.fetchNew();
    let answerSend;
    const realSend = api.send;
    api.send = (...a) => new Promise((resolve) => (answerSend = () => resolve(realSend(...a))));
    const sending = chat.send('Merhaba');
    api.conversations[conversation_id].push(message('m0', 'operator', 'Ben Ayşe'));
    answerPoll();
    assert.deepEqual(await poll, []);
    answerSend();
    await sending;
    api.messages = realMessages;
    assert.deepEqual((await chat.fetchNew()).map((m) => m.content), ['Ben Ayşe']);
  });

  test('an expired visitor token is renewed for the same visitor and the message goes through', async () => {
    const { api, chat, resets } = setup();
    const { conversation_id, external_user_id } = await chat.start();
    api.fail('send', 401);
    const r = await chat.send('Merhaba');
    assert.equal(r.reply.content, 'cevap');
    assert.deepEqual(api.calls.filter((c) => c[0] == 'init').at(-1), ['init', external_user_id]);
    assert.equal(chat.session.conversation_id, conversation_id);
    const [, , , token] = api.calls.filter((c) => c[0] == 'send').at(-1);
    assert.equal(token, chat.session.visitor_token);
    assert.deepEqual(resets, [], 'same conversation: nothing to redraw');
  });

  test('a conversation that is gone (404) is replaced by a new one and the message is sent there', async () => {
    const { api, chat, resets, storage } = setup();
    const first = await chat.start();
    delete api.conversations[first.conversation_id];
    api.fail('send', 404);
    await chat.send('Merhaba');
    assert.deepEqual(api.calls.filter((c) => c[0] == 'init').at(-1), ['init', undefined], 'as a new visitor');
    const second = chat.session.conversation_id;
    assert.notEqual(second, first.conversation_id);
    assert.deepEqual(resets.map((r) => r.conversation_id), [second]);
    assert.deepEqual(api.conversations[second].map((m) => m.content), ['Merhaba', 'cevap']);
    assert.equal(sessionStore('pk', () => storage).get().conversation_id, second);
  });

  test('a poll and a send refused together share one init', async () => {
    const { api, chat } = setup();
    await chat.start();
    api.fail('messages', 401);
    api.fail('send', 401);
    await Promise.all([chat.fetchNew(), chat.send('Merhaba')]);
    assert.equal(api.calls.filter((c) => c[0] == 'init').length, 2);
  });

  test('a stored visitor id the server refuses is dropped for a new visitor', async () => {
    const storage = memory();
    sessionStore('pk', () => storage).set({ conversation_id: 'old', external_user_id: 'bad id', visitor_token: 't', bot: BOT });
    const { api, chat } = setup({ storage });
    api.fail('init', 422);
    await chat.start();
    assert.deepEqual(api.calls, [['init', 'bad id'], ['init', undefined]]);
  });

  test('other errors reach the caller unchanged, without a retry', async () => {
    const { api, chat } = setup();
    await chat.start();
    api.fail('send', 429);
    const err = await chat.send('Merhaba').catch((e) => e);
    assert.equal(err.status, 429);
    assert.equal(err.retryAfter, 30);
    assert.equal(api.calls.filter((c) => c[0] == 'send').length, 1);
    api.fail('init', 404);
    assert.equal((await chat.start().catch((e) => e)).status, 404);
  });

  test('ask_contact comes through so the widget can offer its lead form', async () => {
    const { chat } = setup();
    await chat.start();
    assert.equal((await chat.send('Beni arayın')).ask_contact, true);
    assert.equal((await chat.send('Merhaba')).ask_contact, false);
  });

  test('a lead names the conversation and proves it with the visitor token; empty fields are left out', async () => {
    const { api, chat } = setup();
    const { conversation_id, visitor_token } = await chat.start();
    await chat.lead({ name: 'Ayşe', email: '', phone: '0532 123 45 67' });
    assert.deepEqual(api.calls.at(-1), ['lead', { bot_public_key: 'pk', name: 'Ayşe', phone: '0532 123 45 67', conversation_id }, visitor_token]);
  });

  test('a lead before any conversation is sent without one', async () => {
    const { api, chat } = setup();
    await chat.lead({ name: 'Ayşe', email: 'ayse@example.com', phone: '' });
    assert.deepEqual(api.calls, [['lead', { bot_public_key: 'pk', name: 'Ayşe', email: 'ayse@example.com' }, undefined]]);
  });
});
