import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addDays,
  addMonths,
  daysBetween,
  eachDay,
  isLocalDate,
  localDateOf,
  monthOf,
  weekOf,
  weekdayOf,
  yearOf,
} from './dates.js';

test('isLocalDate accepts real days only', () => {
  for (const d of ['2026-01-31', '2024-02-29', '2000-02-29']) assert.equal(isLocalDate(d), true, d);
  for (const d of [
    '2026-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-1-1',
    '26-01-01',
    '',
    20260101,
  ])
    assert.equal(isLocalDate(d), false, String(d));
});

test('localDateOf uses the UTC offset, not the machine zone', () => {
  const instant = new Date('2026-03-31T20:30:00Z');
  assert.equal(localDateOf(instant, 540), '2026-04-01'); // Seoul
  assert.equal(localDateOf(instant, -420), '2026-03-31'); // Los Angeles (PDT)
  assert.equal(localDateOf(new Date('2026-01-01T02:00:00Z'), -300), '2025-12-31');
});

test('day and month arithmetic', () => {
  assert.equal(addDays('2026-02-28', 1), '2026-03-01');
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2026-01-01', -1), '2025-12-31');
  assert.equal(addMonths('2026-03-31', -1), '2026-02-28');
  assert.equal(addMonths('2024-03-31', -1), '2024-02-29');
  assert.equal(addMonths('2026-01-15', -1), '2025-12-15');
  assert.equal(addMonths('2024-02-29', -12), '2023-02-28');
  assert.equal(daysBetween('2025-12-31', '2026-03-01'), 60);
  assert.equal(eachDay('2026-02-27', '2026-03-02').length, 4);
});

test('weeks, months and years', () => {
  assert.equal(weekdayOf('2026-03-01'), 0); // a Sunday
  assert.deepEqual(weekOf('2026-03-01', 1), { from: '2026-02-23', to: '2026-03-01' });
  assert.deepEqual(weekOf('2026-03-01', 0), { from: '2026-03-01', to: '2026-03-07' });
  assert.deepEqual(monthOf('2024-02-10'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(yearOf('2026-07-04'), { from: '2026-01-01', to: '2026-12-31' });
});
