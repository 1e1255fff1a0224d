// The appointment calendar's date arithmetic in the business's time zone
// (src/lib/appointments/time.ts), whatever zone the test machine is in.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const time = await loadTs('src/lib/appointments/time.ts');

test('a wall-clock time in a zone is the right instant', () => {
  assert.equal(time.isoInstant(time.zonedToInstant('2026-12-01', 9 * 60, 'Europe/Istanbul')), '2026-12-01T06:00:00Z');
  assert.equal(time.isoInstant(time.zonedToInstant('2026-12-01', 0, 'UTC')), '2026-12-01T00:00:00Z');
  // Berlin in winter (+1) and summer (+2).
  assert.equal(time.isoInstant(time.zonedToInstant('2026-01-15', 0, 'Europe/Berlin')), '2026-01-14T23:00:00Z');
  assert.equal(time.isoInstant(time.zonedToInstant('2026-07-15', 0, 'Europe/Berlin')), '2026-07-14T22:00:00Z');
  // New York on the day clocks go forward (8 March 2026, 02:00 → 03:00): midnight is still -5.
  assert.equal(time.isoInstant(time.zonedToInstant('2026-03-08', 0, 'America/New_York')), '2026-03-08T05:00:00Z');
  assert.equal(time.isoInstant(time.zonedToInstant('2026-03-08', 12 * 60, 'America/New_York')), '2026-03-08T16:00:00Z');
});

test('the day and the offset in a zone', () => {
  // 22:30 UTC on 30 November is already 1 December in Istanbul.
  assert.equal(time.zonedDay(Date.parse('2026-11-30T22:30:00Z'), 'Europe/Istanbul'), '2026-12-01');
  assert.equal(time.todayIn('Europe/Istanbul', Date.parse('2026-11-30T20:59:00Z')), '2026-11-30');
  assert.equal(time.todayIn('Europe/Istanbul', Date.parse('2026-11-30T21:00:00Z')), '2026-12-01');
  assert.equal(time.offsetMinutes(Date.parse('2026-06-01T12:00:00Z'), 'Europe/Istanbul'), 180);
  assert.equal(time.offsetMinutes(Date.parse('2026-06-01T12:00:00Z'), 'Europe/London'), 60);
});

test('days, weeks and the visible range', () => {
  assert.equal(time.addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(time.addDays('2024-03-01', -1), '2024-02-29');
  assert.equal(time.weekdayIndex('2026-12-07'), 0); // a Monday
  assert.equal(time.weekdayIndex('2026-12-06'), 6); // a Sunday
  assert.equal(time.startOfWeek('2026-12-06'), '2026-11-30');
  assert.deepEqual(time.visibleDays('week', '2026-12-03'), [
    '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06',
  ]);
  assert.deepEqual(time.visibleDays('day', '2026-12-03'), ['2026-12-03']);
  assert.equal(time.shiftAnchor('week', '2026-12-03', 1), '2026-12-10');
  assert.equal(time.shiftAnchor('day', '2026-12-03', -1), '2026-12-02');

  const week = time.rangeOf(time.visibleDays('week', '2026-12-03'), 'Europe/Istanbul');
  assert.deepEqual(week, { from: '2026-11-29T21:00:00Z', to: '2026-12-06T21:00:00Z' });
  // A week in which Berlin moves its clocks back (25 October 2026) is 7 days and 1 hour long.
  const autumn = time.rangeOf(time.visibleDays('week', '2026-10-21'), 'Europe/Berlin');
  assert.deepEqual(autumn, { from: '2026-10-18T22:00:00Z', to: '2026-10-25T23:00:00Z' });
});

test('an appointment is placed on its day in the zone, in minutes since midnight', () => {
  assert.deepEqual(time.placeInDay('2026-12-01T09:00:00+03:00', '2026-12-01T09:30:00+03:00', 'Europe/Istanbul'), {
    day: '2026-12-01', startMin: 540, endMin: 570,
  });
  // The same instants written in UTC land at the same place.
  assert.deepEqual(time.placeInDay('2026-12-01T06:00:00Z', '2026-12-01T06:30:00Z', 'Europe/Istanbul'), {
    day: '2026-12-01', startMin: 540, endMin: 570,
  });
  // One that runs past midnight is cut at the end of its day.
  assert.deepEqual(time.placeInDay('2026-12-01T23:30:00+03:00', '2026-12-02T00:30:00+03:00', 'Europe/Istanbul'), {
    day: '2026-12-01', startMin: 1410, endMin: 1440,
  });
});

test('overlapping blocks share the column, separate ones take it whole', () => {
  const laid = time.layoutLanes([
    { id: 'a', startMin: 540, endMin: 600 },
    { id: 'b', startMin: 570, endMin: 630 },
    { id: 'c', startMin: 600, endMin: 660 },
    { id: 'd', startMin: 720, endMin: 750 },
  ]);
  const byId = Object.fromEntries(laid.map((b) => [b.id, [b.lane, b.lanes]]));
  assert.deepEqual(byId, { a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  // Back to back is not overlapping.
  const touching = time.layoutLanes([
    { id: 'x', startMin: 540, endMin: 570 },
    { id: 'y', startMin: 570, endMin: 600 },
  ]);
  assert.deepEqual(touching.map((b) => b.lanes), [1, 1]);
  assert.deepEqual(time.layoutLanes([]), []);
});

test('the grid spans the working hours and every appointment', () => {
  assert.deepEqual(time.gridBounds([], []), { startMin: 480, endMin: 1200 });
  assert.deepEqual(time.gridBounds([{ from: '09:00', to: '18:00' }, { from: '10:30', to: '19:15' }], []), {
    startMin: 540, endMin: 1200,
  });
  assert.deepEqual(time.gridBounds([{ from: '09:00', to: '18:00' }], [{ startMin: 450, endMin: 480 }]), {
    startMin: 420, endMin: 1080,
  });
  assert.deepEqual(time.gridBounds([{ from: '20:00', to: '24:00' }], []), { startMin: 1200, endMin: 1440 });
});

test('clock strings and durations', () => {
  assert.equal(time.clockToMinutes('09:30'), 570);
  assert.equal(time.clockToMinutes('24:00'), 1440);
  assert.equal(time.minutesToClock(570), '09:30');
  assert.deepEqual(time.durationParts(90), { unit: 'minutes', count: 90 });
  assert.deepEqual(time.durationParts(120), { unit: 'hours', count: 2 });
  assert.deepEqual(time.durationParts(2880), { unit: 'days', count: 2 });
  assert.deepEqual(time.durationParts(0), { unit: 'minutes', count: 0 });
  assert.equal(time.dayAsDate('2026-12-01').toISOString(), '2026-12-01T12:00:00.000Z');
  assert.equal(time.offsetLabel('Europe/Istanbul', Date.parse('2026-06-01T00:00:00Z')), 'GMT+3');
  assert.equal(time.offsetLabel('Not/AZone'), '');
});
