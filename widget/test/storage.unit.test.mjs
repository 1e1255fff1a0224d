import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sessionStore } from '../src/storage.js';

const memory = () => {
  const items = new Map();
  return { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => items.set(k, String(v)), removeItem: (k) => items.delete(k), items };
};
const SESSION = { conversation_id: 'c1', external_user_id: 'u1', visitor_token: 't1', bot: { language: 'tr' } };

describe('session storage', () => {
  test('a session round-trips under a key namespaced by bot key', () => {
    const storage = memory();
    const store = sessionStore('pk_a', () => storage);
    store.set(SESSION);
    assert.deepEqual(store.get(), SESSION);
    assert.deepEqual([...storage.items.keys()], ['svontai:pk_a']);
    assert.equal(sessionStore('pk_b', () => storage).get(), null);
    store.clear();
    assert.equal(store.get(), null);
  });

  test('storage that throws on access is treated as empty', () => {
    const store = sessionStore('pk', () => {
      throw new DOMException('denied', 'SecurityError');
    });
    assert.equal(store.get(), null);
    assert.doesNotThrow(() => store.set(SESSION));
    assert.doesNotThrow(() => store.clear());
  });

  test('a full storage does not break saving', () => {
    const storage = { ...memory(), setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    assert.doesNotThrow(() => sessionStore('pk', () => storage).set(SESSION));
  });

  test('garbage under our key is ignored', () => {
    for (const junk of ['{not json', '"text"', '42', 'null', '{"conversation_id":1}']) {
      const storage = memory();
      storage.setItem('svontai:pk', junk);
      assert.equal(sessionStore('pk', () => storage).get(), null, junk);
    }
  });
});
