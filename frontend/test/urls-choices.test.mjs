// A bot's privacy notice address (src/lib/urls.ts) and the select choices that keep a stored
// value which is not among them (src/lib/choices.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const { isHttpsUrl } = await loadTs('src/lib/urls.ts');
const { withCurrent } = await loadTs('src/lib/choices.ts');

test('an https address with a host is a privacy notice address', () => {
  assert.equal(isHttpsUrl('https://ornek.com/kvkk'), true);
  assert.equal(isHttpsUrl('  https://ornek.com.tr/aydinlatma-metni?dil=tr  '), true);
});

test('other schemes, bare hosts and text are refused', () => {
  assert.equal(isHttpsUrl('http://ornek.com/kvkk'), false);
  assert.equal(isHttpsUrl('ornek.com/kvkk'), false);
  assert.equal(isHttpsUrl('javascript:alert(1)'), false);
  assert.equal(isHttpsUrl('https://'), false);
  assert.equal(isHttpsUrl(''), false);
});

test('an address longer than 500 characters is refused', () => {
  const base = 'https://ornek.com/';
  assert.equal(isHttpsUrl(base + 'a'.repeat(500 - base.length)), true);
  assert.equal(isHttpsUrl(base + 'a'.repeat(501 - base.length)), false);
});

test('a stored value outside the choices is added in order; a chosen one is not repeated', () => {
  assert.deepEqual(withCurrent([0, 6, 12, 24], 18), [0, 6, 12, 18, 24]);
  assert.deepEqual(withCurrent([0, 6, 12, 24], 12), [0, 6, 12, 24]);
  assert.deepEqual(withCurrent([0, 6], Number.NaN), [0, 6]);
});
