// WhatsApp numbers are shown whole (the team calls customers back): src/lib/phone.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const { formatPhone, phoneHref } = await loadTs('src/lib/phone.ts');

test('a Turkish wa_id is grouped as Turkish numbers are written', () => {
  assert.equal(formatPhone('905321234567'), '+90 532 123 45 67');
  assert.equal(formatPhone('+90 532 123 4567'), '+90 532 123 45 67');
});

test('a North American wa_id is grouped 3-3-4', () => {
  assert.equal(formatPhone('14155550123'), '+1 415 555 0123');
});

test('other numbers keep every digit after a plus', () => {
  assert.equal(formatPhone('4915112345678'), '+4915112345678');
  assert.equal(formatPhone('9053212345'), '+9053212345');
});

test('something that is not a number is shown as it is', () => {
  assert.equal(formatPhone(''), '');
  assert.equal(formatPhone('abc'), 'abc');
});

test('the tel: link dials the full international number', () => {
  assert.equal(phoneHref('905321234567'), 'tel:+905321234567');
});
