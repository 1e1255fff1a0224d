// The overview's performance report (src/lib/stats/report.ts): its ranges in UTC days, the
// checks on a chosen range, durations in the largest unit, and conversations per bot.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { loadTs } from './load-ts.mjs';

const report = await loadTs('src/lib/stats/report.ts');

test('presets are the last 7, 30 and 90 UTC days, today included', () => {
  assert.equal(report.utcDay(Date.parse('2026-03-01T23:59:59Z')), '2026-03-01');
  assert.deepEqual(report.lastDays(7, '2026-03-01'), { from: '2026-02-23', to: '2026-03-01' });
  assert.deepEqual(report.lastDays(30, '2026-03-01'), { from: '2026-01-31', to: '2026-03-01' });
  assert.deepEqual(report.lastDays(90, '2024-03-01'), { from: '2023-12-03', to: '2024-03-01' });
  assert.equal(report.presetOf({ from: '2026-02-23', to: '2026-03-01' }, '2026-03-01'), 7);
  assert.equal(report.presetOf({ from: '2026-02-24', to: '2026-03-01' }, '2026-03-01'), null);
  assert.equal(report.presetOf({ from: '2026-02-22', to: '2026-02-28' }, '2026-03-01'), null);
});

test('a chosen range needs both days, in order, and at most 366 days', () => {
  assert.equal(report.rangeLength('2026-01-01', '2026-01-01'), 1);
  assert.equal(report.rangeLength('2024-01-01', '2024-12-31'), 366);
  assert.equal(report.rangeIssue('2024-01-01', '2024-12-31'), null);
  assert.equal(report.rangeIssue('2024-01-01', '2025-01-01'), 'tooLong');
  assert.equal(report.rangeIssue('2026-01-02', '2026-01-01'), 'order');
  assert.equal(report.rangeIssue('', '2026-01-01'), 'missing');
  assert.equal(report.rangeIssue('2026-01-01', ''), 'missing');
});

test("durations read in the largest unit they reach (the API's bucket edges)", () => {
  const read = (seconds) => report.secondsParts(seconds);
  assert.deepEqual(read(2), { unit: 'seconds', value: 2 });
  assert.deepEqual(read(30), { unit: 'seconds', value: 30 });
  assert.deepEqual(read(60), { unit: 'minutes', value: 1 });
  assert.deepEqual(read(90), { unit: 'minutes', value: 1.5 });
  assert.deepEqual(read(300), { unit: 'minutes', value: 5 });
  assert.deepEqual(read(3 * 3600), { unit: 'hours', value: 3 });
  assert.deepEqual(read(86400), { unit: 'days', value: 1 });
  assert.deepEqual(read(7 * 86400), { unit: 'days', value: 7 });
  assert.deepEqual(read(0), { unit: 'seconds', value: 0 });
});

test('conversations per bot and channel: busiest first, rows without conversations left out', () => {
  const figures = (conversations, handoffs = 0) => ({ conversations, handoffs, answered_by_bot_share: conversations ? 0.5 : null });
  const rows = report.conversationsByBot([
    { bot_id: 'b1', source: 'web_widget', figures: figures(3, 1) },
    { bot_id: 'b1', source: 'dashboard', figures: figures(0) },
    { bot_id: 'b2', source: 'whatsapp', figures: figures(8, 2) },
    { bot_id: 'b1', source: 'whatsapp', figures: figures(3) },
  ]);
  assert.deepEqual(
    rows.map((r) => [r.bot_id, r.source, r.conversations, r.handoffs]),
    [['b2', 'whatsapp', 8, 2], ['b1', 'web_widget', 3, 1], ['b1', 'whatsapp', 3, 0]],
  );
  assert.deepEqual(report.conversationsByBot([]), []);
});
