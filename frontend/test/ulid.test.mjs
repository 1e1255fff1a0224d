// Ids made in the browser (src/lib/ulid.ts): ULIDs in the API's lowercase Crockford base32.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const { ulid, ulidPattern } = await loadTs('src/lib/ulid.ts');

const filled = (value) => (bytes) => bytes.fill(value);

test('the time comes first, in 10 characters; the 80 random bits in 16', () => {
  // The ULID specification's example time.
  assert.equal(ulid(1469918176385, filled(0)), '01aryz6s410000000000000000');
  assert.equal(ulid(0, filled(0xff)), '0000000000zzzzzzzzzzzzzzzz');
  assert.equal(ulid(2 ** 48 - 1, filled(0)), '7zzzzzzzzz0000000000000000');
  // 0x84 0x21 … is the bit pattern 10000 10000 10000 …: every random character is "g" (16).
  const pattern = [0x84, 0x21, 0x08, 0x42, 0x10];
  assert.equal(ulid(0, (bytes) => bytes.map((_, i) => pattern[i % 5])).slice(10), 'g'.repeat(16));
});

test('ids have the API form, differ, and sort by time', () => {
  const now = Date.now();
  const ids = Array.from({ length: 500 }, () => ulid());
  for (const id of ids) assert.match(id, ulidPattern);
  assert.equal(new Set(ids).size, ids.length);
  assert.ok(ulid(now) < ulid(now + 1));
  assert.ok(ulid(1_000, filled(0xff)) < ulid(1_001, filled(0)));
  // The API's pattern has no i, l, o or u.
  assert.doesNotMatch(ids.join(''), /[ilou]/);
});

test('a time outside 48 bits is refused', () => {
  assert.throws(() => ulid(-1), RangeError);
  assert.throws(() => ulid(2 ** 48), RangeError);
  assert.throws(() => ulid(1.5), RangeError);
});
