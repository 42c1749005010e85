// Text handling shared by the indexer and the query side, identical on both databases: normalisation, word
// segmentation (Thai is written without spaces) and the typo-tolerance arithmetic.

const segmenters = new Map<string, Intl.Segmenter>();

function segmenter(locale: string): Intl.Segmenter {
  let s = segmenters.get(locale);
  if (!s) {
    s = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, s);
  }
  return s;
}

/** Lower-cases, applies NFKC and strips accents from Latin letters only (Thai vowel and tone marks are letters' parts). */
export function normalizeText(text: string, locale: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase(locale)
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC');
}

/**
 * The words of a text, normalised, split by ICU word boundaries (dictionary based for Thai) and reduced to
 * letters, marks and digits, so they are safe to place in an FTS5 or tsquery expression.
 */
export function tokenize(text: string | null | undefined, locale: string): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const part of segmenter(locale).segment(normalizeText(text, locale))) {
    if (!part.isWordLike) continue;
    for (const word of part.segment.split(/[^\p{L}\p{M}\p{N}]+/u)) {
      if (word) out.push(word);
    }
  }
  return out;
}

/** Number of characters (code points) of a word. */
const length = (word: string) => [...word].length;

/** Typo budget of a query word: none below 4 letters (too ambiguous), 1 up to 6, 2 from 7 letters. */
export function maxTypoDistance(word: string): number {
  const n = length(word);
  if (n < 4) return 0;
  return n >= 7 ? 2 : 1;
}

/**
 * Symmetric-delete keys of a word: the word and every string obtained by deleting up to `depth` characters.
 * Two words within edit distance d (insertions, deletions, substitutions; adjacent swaps count as one) share
 * a key when both sides use depth ≥ d, which turns fuzzy lookup into an indexed `key in (...)`.
 */
export function deletionKeys(word: string, depth: number): string[] {
  const keys = new Set<string>([word]);
  let frontier = [[...word]];
  for (let d = 0; d < depth; d++) {
    const next: string[][] = [];
    for (const chars of frontier) {
      if (chars.length <= 1) continue;
      for (let i = 0; i < chars.length; i++) {
        const shorter = chars.slice(0, i).concat(chars.slice(i + 1));
        const key = shorter.join('');
        if (!keys.has(key)) {
          keys.add(key);
          next.push(shorter);
        }
      }
    }
    frontier = next;
  }
  return [...keys];
}

/** Keys stored for a dictionary term: deletions as deep as the typo budget of a word that long. */
export function termKeys(term: string): string[] {
  return deletionKeys(term, maxTypoDistance(term));
}

/** Damerau-Levenshtein distance (optimal string alignment: adjacent transposition costs 1), on code points. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const rows = s.length + 1;
  const cols = t.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[rows - 1][cols - 1];
}

/** A parsed query: its words in order, each with the alternatives it may match. */
export interface QueryWord {
  word: string;
  /** The word itself first, then dictionary terms within its typo budget, closest first. */
  alternatives: string[];
  /** The last word also matches as a prefix (type-ahead). */
  prefix: boolean;
}

/** Most alternatives a misspelt word expands to. */
export const MAX_ALTERNATIVES = 12;

/**
 * Picks the typo corrections of each query word from candidate dictionary terms (found through shared
 * deletion keys). A word that is itself a dictionary term is not expanded.
 */
export function expandWords(words: string[], candidates: Iterable<string>): QueryWord[] {
  const dictionary = new Set(candidates);
  return words.map((word, i) => {
    const alternatives = [word];
    const budget = maxTypoDistance(word);
    if (budget > 0 && !dictionary.has(word)) {
      const close = [...dictionary]
        .map((term) => ({ term, distance: editDistance(word, term) }))
        .filter((c) => c.distance <= budget)
        .sort((x, y) => x.distance - y.distance || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0))
        .slice(0, MAX_ALTERNATIVES);
      for (const c of close) alternatives.push(c.term);
    }
    return { word, alternatives, prefix: i === words.length - 1 };
  });
}
