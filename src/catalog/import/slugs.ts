// URL slugs made from names in any of the shop's scripts (Latin with accents, Thai), and made unique.

/**
 * A slug matching ProductInput's Slug pattern: lowercase letters of any script, digits and combining marks
 * (Thai vowels are marks), words joined by single hyphens. Latin accents are dropped ("Café Tubruk" → "cafe-tubruk").
 */
export function slugify(name: string, maxLength = 80): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  let cut = base.slice(0, maxLength).replace(/-+$/, '');
  // A slug may not start with a combining mark (pattern needs a letter or digit first in practice).
  cut = cut.replace(/^\p{M}+/u, '');
  return cut || 'item';
}

/**
 * Allocates unique slugs per locale. `taken(locale, candidates)` returns those already used in the database;
 * it is called once per round (usually one or two rounds per batch), never per slug.
 */
export class SlugAllocator {
  private used = new Map<string, Set<string>>();

  constructor(private readonly taken: (locale: string, candidates: string[]) => Promise<Set<string>>) {}

  private usedIn(locale: string): Set<string> {
    let s = this.used.get(locale);
    if (!s) this.used.set(locale, (s = new Set()));
    return s;
  }

  /** Reserves exact slugs; returns those already used by this allocator or the database (not reserved). */
  async reserveExact(locale: string, slugs: string[]): Promise<string[]> {
    const used = this.usedIn(locale);
    const inDb = slugs.length ? await this.taken(locale, slugs) : new Set<string>();
    const conflicts: string[] = [];
    for (const s of slugs) {
      if (used.has(s) || inDb.has(s)) conflicts.push(s);
      else used.add(s);
    }
    return conflicts;
  }

  /** Unique slugs for the given bases, in order: "name", then "name-2", "name-3"… */
  async allocate(locale: string, bases: string[]): Promise<string[]> {
    const used = this.usedIn(locale);
    const result: string[] = new Array(bases.length);
    const next = new Map<string, number>();
    let pending = bases.map((base, index) => ({ index, base, candidate: base }));
    while (pending.length > 0) {
      // Settle clashes inside the import first, then ask the database about the remaining candidates at once.
      const proposals: typeof pending = [];
      const proposed = new Set<string>();
      for (const p of pending) {
        let candidate = p.candidate;
        while (used.has(candidate) || proposed.has(candidate)) {
          const n = (next.get(p.base) ?? 1) + 1;
          next.set(p.base, n);
          candidate = withSuffix(p.base, n);
        }
        proposed.add(candidate);
        proposals.push({ ...p, candidate });
      }
      const inDb = await this.taken(locale, [...proposed]);
      pending = [];
      for (const p of proposals) {
        if (inDb.has(p.candidate)) {
          used.add(p.candidate); // never propose it again
          pending.push(p);
        } else {
          used.add(p.candidate);
          result[p.index] = p.candidate;
        }
      }
    }
    return result;
  }
}

function withSuffix(base: string, n: number): string {
  const suffix = `-${n}`;
  return base.slice(0, 200 - suffix.length) + suffix;
}
