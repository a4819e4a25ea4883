import assert from 'node:assert/strict';
import { test } from 'node:test';
import { latinSpellings } from './hangul.js';

test('Hangul is spelled as romanised and as typed on an English layout', () => {
  assert.deepEqual(latinSpellings('안녕하세요'), ['annyeonghaseyo', 'dkssudgktpdy']);
  assert.deepEqual(latinSpellings('민지'), ['minji', 'alswl']);
  // Double consonants, compound vowels and finals; other characters pass through.
  assert.deepEqual(latinSpellings('씨앗 왜 닭'), ['ssiat wae dak', 'tldkt dho ekfr']);
  assert.deepEqual(latinSpellings('민지'.normalize('NFD')), ['minji', 'alswl']);
  assert.deepEqual(latinSpellings('Mina 2026'), []);
});
