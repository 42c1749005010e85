import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deletionKeys, editDistance, expandWords, maxTypoDistance, termKeys, tokenize } from './text.ts';

describe('tokenize', () => {
  it('lower-cases, folds Latin accents and drops punctuation', () => {
    assert.deepEqual(tokenize('Café  de Sumatra — 250g, "Extra"!', 'es'), ['cafe', 'de', 'sumatra', '250g', 'extra']);
    assert.deepEqual(tokenize(`' OR 1=1 --`, 'en'), ['or', '1', '1']);
  });
  it('segments Thai words and keeps their vowel and tone marks', () => {
    assert.deepEqual(tokenize('ชาเขียวมะลิ', 'th'), ['ชา', 'เขียว', 'มะลิ']);
    assert.ok(tokenize('กาแฟคั่วเข้ม', 'th').includes('เข้ม'));
  });
  it('returns nothing for empty input', () => {
    assert.deepEqual(tokenize(null, 'en'), []);
    assert.deepEqual(tokenize('  --  ', 'en'), []);
  });
});

describe('typo tolerance', () => {
  it('measures Damerau-Levenshtein distance', () => {
    assert.equal(editDistance('batik', 'baitk'), 1);
    assert.equal(editDistance('coffee', 'cofee'), 1);
    assert.equal(editDistance('coffee', 'coffie'), 1);
    assert.equal(editDistance('sumatera', 'sumatra'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });
  it('budgets 0 typos below 4 letters, 1 up to 6, 2 from 7', () => {
    assert.deepEqual(['tea', 'kopi', 'coffee', 'sumatra'].map(maxTypoDistance), [0, 1, 1, 2]);
  });
  it('finds every dictionary term within the budget through shared deletion keys', () => {
    const pairs: Array<[string, string]> = [['cofee', 'coffee'], ['baitk', 'batik'], ['sumatra', 'sumatera'], ['mandhelign', 'mandheling'], ['mandeling', 'mandheling'], ['mnadheling', 'mandheling'], ['xandhelinz', 'mandheling']];
    for (const [query, term] of pairs) {
      const shared = deletionKeys(query, maxTypoDistance(query)).some((k) => termKeys(term).includes(k));
      assert.ok(shared, `${query} ~ ${term}`);
    }
    assert.ok(!deletionKeys('tea', 0).some((k) => termKeys('sea').includes(k)));
  });
  it('expands unknown words only, closest first, and marks the last word as a prefix', () => {
    const words = expandWords(['cofee', 'java', 'beans'], ['coffee', 'toffee', 'java', 'jawa', 'beans']);
    assert.deepEqual(words[0].alternatives, ['cofee', 'coffee'], 'toffee is 2 edits away, over the budget of a 5-letter word');
    assert.deepEqual(words[1].alternatives, ['java']);
    assert.deepEqual(words.map((w) => w.prefix), [false, false, true]);
  });
});
