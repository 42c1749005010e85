// Checks a whole import before anything is written: the shape (TypeBox ProductInput) and every reference
// (codes that must exist, option values variants pick, attribute values of the right kind, unique SKUs).
import { Value } from 'typebox/value';
import { CURRENCIES, SUPPORTED_LOCALES, type Locale } from '../../platform/config.ts';
import { ProductInput } from '../product-input.ts';
import { emptyCodes, type References, type ReferencedCodes } from './references.ts';

export interface Problem { index: number; path: string; message: string }

const MAX_REPORTED = 50;

export class Problems {
  readonly list: Problem[] = [];
  count = 0;
  add(index: number, path: string, message: string): void {
    this.count++;
    if (this.list.length < MAX_REPORTED) this.list.push({ index, path, message });
  }
}

/** Shape check of every input; returns the codes they name for resolveReferences. */
export function checkShapes(inputs: readonly unknown[], defaultLocale: Locale, problems: Problems): ReferencedCodes {
  const codes = emptyCodes();
  inputs.forEach((input, index) => {
    if (!Value.Check(ProductInput, input)) {
      for (const e of [...Value.Errors(ProductInput, input)].slice(0, 5)) problems.add(index, e.instancePath || '/', e.message);
      return;
    }
    const p = input as ProductInput;
    for (const locale of Object.keys(p.translations)) {
      if (!(SUPPORTED_LOCALES as readonly string[]).includes(locale)) problems.add(index, `/translations/${locale}`, 'unsupported locale');
    }
    if (!p.translations[defaultLocale]) problems.add(index, `/translations/${defaultLocale}`, `the default locale (${defaultLocale}) is required`);
    if (p.type) codes.types.add(p.type);
    if (p.brand) codes.brands.add(p.brand);
    for (const c of p.categories ?? []) codes.categories.add(c);
    for (const c of p.collections ?? []) codes.collections.add(c);
    for (const a of Object.keys(p.attributes ?? {})) codes.attributes.add(a);
    for (const v of p.variants) for (const a of Object.keys(v.attributes ?? {})) codes.attributes.add(a);
  });
  return codes;
}

/** Reference and consistency checks of one (shape-valid) product. */
export function checkProduct(p: ProductInput, index: number, refs: References, problems: Problems): void {
  if (p.type && !refs.types.has(p.type)) problems.add(index, '/type', `unknown product type "${p.type}"`);
  if (p.brand && !refs.brands.has(p.brand)) problems.add(index, '/brand', `unknown brand "${p.brand}"`);
  (p.categories ?? []).forEach((c, i) => {
    if (!refs.categories.has(c)) problems.add(index, `/categories/${i}`, `unknown category "${c}"`);
  });
  if (new Set(p.categories ?? []).size !== (p.categories ?? []).length) problems.add(index, '/categories', 'categories repeat');
  (p.collections ?? []).forEach((c, i) => {
    if (!refs.collections.has(c)) problems.add(index, `/collections/${i}`, `unknown collection "${c}"`);
  });
  if (new Set(p.collections ?? []).size !== (p.collections ?? []).length) problems.add(index, '/collections', 'collections repeat');
  checkAttributes(p.attributes ?? {}, `/attributes`, index, refs, problems);

  const options = new Map<string, Set<string>>();
  (p.options ?? []).forEach((o, i) => {
    if (options.has(o.code)) problems.add(index, `/options/${i}/code`, `option "${o.code}" repeats`);
    const values = new Set(o.values.map((v) => v.code));
    if (values.size !== o.values.length) problems.add(index, `/options/${i}/values`, 'value codes repeat');
    options.set(o.code, values);
  });
  const combinations = new Set<string>();
  p.variants.forEach((v, vi) => {
    const chosen = v.options ?? {};
    for (const [code, value] of Object.entries(chosen)) {
      const values = options.get(code);
      if (!values) problems.add(index, `/variants/${vi}/options/${code}`, `the product has no option "${code}"`);
      else if (!values.has(value)) problems.add(index, `/variants/${vi}/options/${code}`, `option "${code}" has no value "${value}"`);
    }
    for (const code of options.keys()) {
      if (!(code in chosen)) problems.add(index, `/variants/${vi}/options`, `missing a value for option "${code}"`);
    }
    const key = [...options.keys()].map((c) => `${c}=${chosen[c] ?? ''}`).join('&');
    if (options.size > 0 && combinations.has(key)) problems.add(index, `/variants/${vi}/options`, 'another variant has the same option values');
    combinations.add(key);

    const currencies = new Set<string>();
    v.prices.forEach((price, pi) => {
      if (!(price.currency in CURRENCIES)) problems.add(index, `/variants/${vi}/prices/${pi}/currency`, `unsupported currency "${price.currency}"`);
      if (currencies.has(price.currency)) problems.add(index, `/variants/${vi}/prices/${pi}/currency`, `${price.currency} is priced twice`);
      currencies.add(price.currency);
      if (price.compare_at_amount !== undefined && price.compare_at_amount <= price.amount) {
        problems.add(index, `/variants/${vi}/prices/${pi}/compare_at_amount`, 'compare-at amount must be above the amount');
      }
    });
    const tiers = new Set<string>();
    (v.tier_prices ?? []).forEach((t, ti) => {
      if (!currencies.has(t.currency)) problems.add(index, `/variants/${vi}/tier_prices/${ti}/currency`, `no ${t.currency} base price`);
      const k = `${t.currency}:${t.min_quantity}`;
      if (tiers.has(k)) problems.add(index, `/variants/${vi}/tier_prices/${ti}`, 'tier repeats');
      tiers.add(k);
    });
    checkAttributes(v.attributes ?? {}, `/variants/${vi}/attributes`, index, refs, problems);
  });
}

function checkAttributes(values: Record<string, unknown>, path: string, index: number, refs: References, problems: Problems): void {
  for (const [code, value] of Object.entries(values)) {
    const a = refs.attributes.get(code);
    const at = `${path}/${code}`;
    if (!a) {
      problems.add(index, at, `unknown attribute "${code}"`);
      continue;
    }
    switch (a.kind) {
      case 'enum': {
        const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : null;
        if (!list) problems.add(index, at, 'expects an option code or a list of option codes');
        else for (const v of list) if (!a.options.has(v)) problems.add(index, at, `attribute "${code}" has no option "${v}"`);
        break;
      }
      case 'number':
        if (typeof value !== 'number' || !Number.isFinite(value)) problems.add(index, at, 'expects a number');
        break;
      case 'boolean':
        if (typeof value !== 'boolean') problems.add(index, at, 'expects true or false');
        break;
      case 'text':
        if (typeof value !== 'string' || value.length === 0) problems.add(index, at, 'expects text');
        break;
    }
  }
}
