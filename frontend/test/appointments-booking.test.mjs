// Booking rules (src/lib/appointments/booking.ts): which actions a status allows, phone
// numbers in E.164, free times grouped per resource, API fields mapped to the booking form.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const booking = await loadTs('src/lib/appointments/booking.ts');

test('only a booked appointment moves or is cancelled; completed and no-show swap; cancelled is final', () => {
  assert.deepEqual(booking.allowedActions('booked'), { complete: true, noShow: true, cancel: true, move: true, notes: true });
  assert.deepEqual(booking.allowedActions('completed'), { complete: false, noShow: true, cancel: false, move: false, notes: true });
  assert.deepEqual(booking.allowedActions('no_show'), { complete: true, noShow: false, cancel: false, move: false, notes: true });
  assert.deepEqual(booking.allowedActions('cancelled'), { complete: false, noShow: false, cancel: false, move: false, notes: false });
});

test('phone numbers are compacted to E.164', () => {
  assert.equal(booking.normalizePhone(' +90 532 123 45 67 '), '+905321234567');
  assert.equal(booking.normalizePhone('0090 (532) 123-45.67'), '+905321234567');
  assert.equal(booking.normalizePhone(''), '');
  assert.ok(booking.e164Pattern.test('+905321234567'));
  // A national number is left for the validation to refuse (its country is not guessed).
  assert.equal(booking.normalizePhone('0532 123 45 67'), '05321234567');
  assert.ok(!booking.e164Pattern.test('05321234567'));
});

test('free times are grouped per resource in the order they appear', () => {
  const slot = (start, resource_id, resource_name) => ({ start, end: start, resource_id, resource_name });
  const groups = booking.groupSlotsByResource([
    slot('2026-12-01T09:00:00+03:00', 'r2', 'Dt. Can'),
    slot('2026-12-01T09:00:00+03:00', 'r1', 'Dt. Elif'),
    slot('2026-12-01T09:30:00+03:00', 'r2', 'Dt. Can'),
  ]);
  assert.deepEqual(groups.map((g) => [g.resource_name, g.slots.length]), [['Dt. Can', 2], ['Dt. Elif', 1]]);
  assert.deepEqual(booking.groupSlotsByResource([]), []);
});

test('the same time is the same slot whatever offset it is written with', () => {
  assert.ok(booking.sameSlot({ start: '2026-12-01T09:00:00+03:00', resource_id: 'r1' }, { start: '2026-12-01T06:00:00Z', resource_id: 'r1' }));
  assert.ok(!booking.sameSlot({ start: '2026-12-01T09:00:00+03:00', resource_id: 'r1' }, { start: '2026-12-01T09:00:00+03:00', resource_id: 'r2' }));
  assert.ok(!booking.sameSlot(null, { start: '2026-12-01T09:00:00+03:00', resource_id: 'r1' }));
});

test('API fields of a booking land on the form fields', () => {
  assert.equal(booking.bookingFieldFor('customer.name'), 'name');
  assert.equal(booking.bookingFieldFor('customer.phone'), 'phone');
  assert.equal(booking.bookingFieldFor('customer.email'), 'email');
  assert.equal(booking.bookingFieldFor('start'), 'slot');
  assert.equal(booking.bookingFieldFor('resource_id'), 'slot');
  assert.equal(booking.bookingFieldFor('service_id'), 'service_id');
  assert.equal(booking.bookingFieldFor('notes'), 'notes');
  assert.equal(booking.bookingFieldFor('bot_id'), undefined);
});
