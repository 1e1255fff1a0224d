/**
 * ULIDs made in the browser, in the API's form (`Id` in docs/openapi.yaml: 26 characters of
 * lowercase Crockford base32, `^[0-9a-hjkmnp-tv-z]{26}$`): 48 bits of milliseconds since the
 * epoch, then 80 random bits. The booking settings give each new service, resource and closure
 * one when it is added, so the form can refer to it before it is saved. No imports, so
 * test/ulid.test.mjs can load this file directly.
 */

/** Crockford's base32 digits, lowercase (no i, l, o, u). */
const alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

export const ulidPattern = /^[0-9a-hjkmnp-tv-z]{26}$/;

const maxTime = 2 ** 48 - 1;

/** Fills `bytes` with random values (the Web Crypto API by default). */
export type RandomFill = (bytes: Uint8Array) => Uint8Array;

const cryptoFill: RandomFill = (bytes) => crypto.getRandomValues(bytes);

/** A new ULID for the time `now` (ms since the epoch; default: now). */
export function ulid(now: number = Date.now(), fill: RandomFill = cryptoFill): string {
  if (!Number.isInteger(now) || now < 0 || now > maxTime) throw new RangeError(`ulid: time ${now} is not a 48-bit millisecond count`);
  let time = "";
  let rest = now;
  for (let i = 0; i < 10; i += 1) {
    time = alphabet[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  // 80 random bits, 5 at a time: 16 characters.
  const bytes = fill(new Uint8Array(10));
  let random = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      random += alphabet[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return time + random;
}
