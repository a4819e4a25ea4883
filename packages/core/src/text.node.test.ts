import assert from 'node:assert/strict';
import { test } from 'node:test';
import { foldText, searchTextOf } from '@moodiary/core';

test('search looks in the note and every tag, folded', () => {
  const text = searchTextOf({ note: 'Café with Minji', tags: ['친구', 'Weekend'] });
  assert.equal(text, 'cafe with minji\n친구\nweekend');
  assert.ok(text.includes(foldText('CAFÉ')));
  // A tag never runs into the note: words across the seam are not found as one.
  assert.ok(!searchTextOf({ note: 'a', tags: ['b'] }).includes('ab'));
  assert.equal(searchTextOf({}), '\n');
});
