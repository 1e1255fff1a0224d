// The calendar settings form (src/lib/appointments/calendar-form.ts): API document ⇄ form
// values, the checks on working hours, and where the API's 422 field paths are shown.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const form = await loadTs('src/lib/appointments/calendar-form.ts');

const week = (mon) => ({ mon, tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] });
const calendar = {
  bot_id: '01jfnpzx45hy43kwjrp1xpa7z3',
  version: 3,
  time_zone: 'Europe/Istanbul',
  slot_step_minutes: 15,
  buffer_minutes: 5,
  min_notice_minutes: 60,
  max_days_ahead: 30,
  reminder_minutes_before: 1440,
  reminder_template: null,
  services: [
    { id: 's1', name: 'Muayene', duration_minutes: 30, price_text: null, description: '', active: true, resource_ids: ['r1'] },
  ],
  resources: [{ id: 'r1', name: 'Dt. Elif Kaya', active: true, hours: week([{ from: '09:00', to: '12:00' }, { from: '13:00', to: '24:00' }]) }],
  closures: [{ id: 'c1', from: '2026-12-31', to: '2027-01-01', resource_id: null, note: 'Yılbaşı' }],
  updated_at: '2026-11-24T18:09:27Z',
};

/** Ids as the form makes them for new rows (ulid() in the app). */
let made = 0;
const newId = () => `new${++made}`;

test('a calendar goes into the form and comes back unchanged', () => {
  const values = form.toCalendarValues(calendar, newId);
  assert.equal(values.services[0].entryId, 's1');
  assert.equal(values.resources[0].entryId, 'r1');
  assert.equal(values.closures[0].entryId, 'c1');
  assert.equal(values.services[0].price_text, '');
  assert.equal(values.reminder_template, '');
  assert.equal(values.closures[0].resource_id, '');
  // End of day shows as 00:00 in a time input.
  assert.deepEqual(values.resources[0].hours.mon[1], { from: '13:00', to: '00:00' });

  const input = form.toCalendarInput(values);
  const expected = { ...calendar };
  delete expected.bot_id;
  delete expected.updated_at;
  assert.deepEqual(input, expected);
});

test('new rows are sent with the id they got when added, and may name a resource added with them', () => {
  const values = form.toCalendarValues(calendar, newId);
  values.resources.push({ ...form.newResource('r2'), name: ' Dt. Can Aydın ' });
  values.services.push({ ...form.newService('s2'), name: ' Dolgu ', price_text: ' 750 TL ', resource_ids: ['r2'] });
  values.closures.push({ ...form.newClosure('c2', '2026-12-10'), resource_id: 'r2', note: ' İzin ' });
  const input = form.toCalendarInput(values);
  assert.equal(input.resources[1].id, 'r2');
  assert.equal(input.resources[1].name, 'Dt. Can Aydın');
  assert.deepEqual(input.resources[1].hours, form.defaultHours());
  assert.deepEqual(input.services[1], {
    id: 's2', name: 'Dolgu', duration_minutes: 30, price_text: '750 TL', description: '', active: true, resource_ids: ['r2'],
  });
  assert.deepEqual(input.closures[1], { id: 'c2', from: '2026-12-10', to: '2026-12-10', resource_id: 'r2', note: 'İzin' });
});

test('references to removed resources are dropped', () => {
  const values = form.toCalendarValues(calendar, newId);
  values.closures.push({ ...form.newClosure('c2', '2026-12-10'), note: 'Kurban Bayramı' });
  // Dr Kaya leaves: her service link goes, and her leave is not turned into a closure of the business.
  values.closures.push({ ...form.newClosure('c3', '2026-12-20'), resource_id: 'r1' });
  values.resources = [];
  const input = form.toCalendarInput(values);
  assert.deepEqual(input.services[0].resource_ids, []);
  assert.deepEqual(input.closures.map((c) => c.id), ['c1', 'c2']);
});

test('an entry the API sent without an id gets one', () => {
  const values = form.toCalendarValues({ ...calendar, closures: [{ from: '2026-12-31', to: '2026-12-31' }] }, () => 'made');
  assert.equal(values.closures[0].entryId, 'made');
  assert.equal(values.closures[0].note, '');
});

test('working hours: an end before its start, and overlapping intervals, are named', () => {
  assert.deepEqual(form.intervalIssues([{ from: '09:00', to: '12:00' }, { from: '13:00', to: '18:00' }]), []);
  assert.deepEqual(form.intervalIssues([{ from: '18:00', to: '09:00' }]), [{ index: 0, field: 'to', message: 'intervalOrder' }]);
  assert.deepEqual(form.intervalIssues([{ from: '09:00', to: '09:00' }]), [{ index: 0, field: 'to', message: 'intervalOrder' }]);
  // 00:00 as an end is midnight.
  assert.deepEqual(form.intervalIssues([{ from: '20:00', to: '00:00' }]), []);
  // The later of two overlapping intervals is marked, whatever their order in the list.
  assert.deepEqual(form.intervalIssues([{ from: '13:00', to: '18:00' }, { from: '09:00', to: '14:00' }]), [
    { index: 0, field: 'from', message: 'intervalOverlap' },
  ]);
  // Touching is fine; malformed times are left to the format check.
  assert.deepEqual(form.intervalIssues([{ from: '09:00', to: '12:00' }, { from: '12:00', to: '13:00' }, { from: '', to: '' }]), []);
});

test('Monday is copied to the other weekdays, the weekend is kept', () => {
  const hours = { ...form.defaultHours(), mon: [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '17:00' }], sat: [{ from: '10:00', to: '14:00' }] };
  const copied = form.copyMondayToWeekdays(hours);
  for (const day of ['tue', 'wed', 'thu', 'fri']) assert.deepEqual(copied[day], hours.mon);
  assert.deepEqual(copied.sat, [{ from: '10:00', to: '14:00' }]);
  assert.deepEqual(copied.sun, []);
  // A copy, not the same arrays.
  copied.tue[0].from = '07:00';
  assert.equal(hours.mon[0].from, '08:00');
});

test("the API's field paths name the form's controls", () => {
  assert.equal(form.calendarErrorPath('services[2].duration_minutes'), 'services.2.duration_minutes');
  assert.equal(form.calendarErrorPath('resources[0].hours.mon[1].to'), 'resources.0.hours.mon.1.to');
  assert.equal(form.calendarErrorPath('resources[0].hours.sat'), 'resources.0.hours.sat');
  assert.equal(form.calendarErrorPath('closures[0].to'), 'closures.0.to');
  assert.equal(form.calendarErrorPath('services[1].resource_ids[0]'), 'services.1.resource_ids');
  assert.equal(form.calendarErrorPath('services[1].id'), 'services.1');
  assert.equal(form.calendarErrorPath('resources[3].hours'), 'resources.3');
  assert.equal(form.calendarErrorPath('services'), 'services');
  assert.equal(form.calendarErrorPath('time_zone'), 'time_zone');
  assert.equal(form.calendarErrorPath('version'), undefined);
  assert.equal(form.calendarErrorPath('bogus[1]'), undefined);
});

test('a bot never set up has an empty calendar', () => {
  assert.ok(form.isCalendarEmpty({ version: 0, services: [], resources: [] }));
  assert.ok(!form.isCalendarEmpty(calendar));
  assert.equal(form.workingIntervals(calendar).length, 2);
  assert.equal(form.workingIntervals({ resources: [{ ...calendar.resources[0], active: false }] }).length, 0);
});
