// The product edit form as flat field values (name → text, or a list for multi-selects), to and from the
// ProductInput the service takes. Fields the form does not show — option names and value labels in other
// languages, cost prices — are carried over from the stored product, so saving the form never loses them.
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { FieldErrors, FormBody } from '../../admin/index.ts';
import type { ProductInput, VariantInput } from '../product-input.ts';
import type { AdminProduct } from '../products/index.ts';
import type { AdminAttribute } from '../taxonomy/index.ts';
import { formatMinor, parseMajor } from './money-fields.ts';

export type FormValues = FormBody;

export const TRANSLATION_FIELDS = ['name', 'slug', 'short_description', 'description', 'keywords', 'seo_title', 'seo_description'] as const;
export const VARIANT_FIELDS = ['sku', 'barcode', 'weight_grams', 'length_mm', 'width_mm', 'height_mm', 'options', 'attributes'] as const;

export const text = (values: FormValues, name: string): string => {
  const v = values[name];
  return Array.isArray(v) ? (v[v.length - 1] ?? '') : (v ?? '');
};
export const list = (values: FormValues, name: string): string[] => {
  const v = values[name];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');
};

/** How many rows of `prefix.N.*` the values hold, plus one blank row to add another. */
export function rowCount(values: FormValues, prefix: string, keyField: string): number {
  let max = -1;
  const re = new RegExp(`^${prefix}\\.(\\d+)\\.`);
  for (const k of Object.keys(values)) {
    const m = re.exec(k);
    if (m) max = Math.max(max, Number(m[1]));
  }
  const rows = Math.min(max + 1, 300);
  return rows > 0 && text(values, `${prefix}.${rows - 1}.${keyField}`).trim() === '' ? rows : rows + 1;
}

const pairs = (o: Record<string, string | number | boolean | string[]> | undefined, show: (v: string | number | boolean | string[]) => string) =>
  Object.entries(o ?? {}).map(([k, v]) => `${k}=${show(v)}`).join('; ');
const showAttribute = (v: string | number | boolean | string[]) => (Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v));

/** Form values of a stored product (or of an empty form). */
export function valuesFromProduct(p: AdminProduct | null, currencies: readonly string[], defaultLocale: string): FormValues {
  const v: FormValues = {
    status: p?.status ?? 'draft',
    type: p?.type ?? '',
    brand: p?.brand ?? '',
    primary_category: p?.categories[0] ?? '',
    categories: p?.categories.slice(1) ?? [],
    collections: p?.collections ?? [],
    featured: p?.featured ? '1' : '0',
    allow_backorder: p?.allow_backorder ? '1' : '0',
    tax_class: p?.tax_class ?? 'standard',
    tags: p?.tags.join(', ') ?? '',
    published_at: p?.published_at ? p.published_at.slice(0, 16) : '',
  };
  for (const locale of SUPPORTED_LOCALES) {
    const t = p?.translations[locale] as Record<string, string | undefined> | undefined;
    for (const f of TRANSLATION_FIELDS) v[`translations.${locale}.${f}`] = t?.[f] ?? '';
  }
  (p?.options ?? []).forEach((o, i) => {
    v[`options.${i}.code`] = o.code;
    v[`options.${i}.name`] = o.names[defaultLocale] ?? Object.values(o.names)[0] ?? '';
    v[`options.${i}.values`] = o.values.map((x) => `${x.code} = ${x.labels[defaultLocale] ?? Object.values(x.labels)[0] ?? x.code}`).join('\n');
  });
  (p?.variants ?? []).forEach((variant, i) => {
    const at = `variants.${i}`;
    v[`${at}.sku`] = variant.sku;
    v[`${at}.barcode`] = variant.barcode ?? '';
    for (const f of ['weight_grams', 'length_mm', 'width_mm', 'height_mm'] as const) v[`${at}.${f}`] = variant[f] === undefined ? '' : String(variant[f]);
    v[`${at}.options`] = pairs(variant.options, String);
    v[`${at}.attributes`] = pairs(variant.attributes, showAttribute);
    for (const currency of currencies) {
      const price = variant.prices.find((x) => x.currency === currency);
      v[`${at}.price.${currency}`] = price ? formatMinor(price.amount, currency) : '';
      v[`${at}.compare.${currency}`] = price?.compare_at_amount !== undefined ? formatMinor(price.compare_at_amount, currency) : '';
      v[`${at}.tiers.${currency}`] = variant.tier_prices.filter((t) => t.currency === currency)
        .map((t) => `${t.min_quantity} = ${formatMinor(t.amount, currency)}`).join('; ');
    }
  });
  for (const [code, value] of Object.entries(p?.attributes ?? {})) {
    v[`attributes.${code}`] = Array.isArray(value) ? value : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  }
  return v;
}

export interface ParsedForm {
  input: ProductInput;
  errors: FieldErrors;
}

/**
 * The ProductInput of a submitted form. Problems the form itself can see (a price that is not an amount, a
 * malformed "code=value" list) are returned as field errors; everything else is left to the service's validation.
 */
export function inputFromValues(
  values: FormValues,
  existing: AdminProduct | null,
  attributes: readonly AdminAttribute[],
  currencies: readonly string[],
  defaultLocale: string,
): ParsedForm {
  const errors: FieldErrors = {};
  const fail = (name: string, message: string) => void (errors[name] ??= message);
  const kinds = new Map(attributes.map((a) => [a.code, a.kind]));

  const translations: Record<string, Record<string, string>> = {};
  for (const locale of SUPPORTED_LOCALES) {
    const t: Record<string, string> = {};
    for (const f of TRANSLATION_FIELDS) {
      const value = f === 'description' ? text(values, `translations.${locale}.${f}`) : text(values, `translations.${locale}.${f}`).trim();
      if (value.trim() !== '') t[f] = value;
    }
    if (locale !== defaultLocale && Object.keys(t).length === 0) continue;
    translations[locale] = { name: '', ...t };
  }

  const options: NonNullable<ProductInput['options']> = [];
  for (let i = 0; i < rowCount(values, 'options', 'code'); i++) {
    const code = text(values, `options.${i}.code`).trim();
    const name = text(values, `options.${i}.name`).trim();
    const lines = text(values, `options.${i}.values`).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (!code) {
      if (name || lines.length) fail(`options.${i}.code`, 'an option needs a code');
      continue;
    }
    const before = existing?.options.find((o) => o.code === code);
    options.push({
      code,
      names: { ...before?.names, [defaultLocale]: name || code },
      values: lines.map((line) => {
        const [valueCode, ...label] = line.split('=');
        const vc = valueCode!.trim();
        const old = before?.values.find((x) => x.code === vc);
        return { code: vc, labels: { ...old?.labels, [defaultLocale]: label.join('=').trim() || vc } };
      }),
    });
  }

  const variants: VariantInput[] = [];
  for (let i = 0; i < rowCount(values, 'variants', 'sku'); i++) {
    const at = `variants.${i}`;
    const sku = text(values, `${at}.sku`).trim();
    const filled = [...VARIANT_FIELDS, ...currencies.flatMap((c) => [`price.${c}`, `compare.${c}`, `tiers.${c}`])].some((f) => text(values, `${at}.${f}`).trim() !== '');
    if (!sku) {
      if (filled) fail(`${at}.sku`, 'a variant needs a SKU');
      continue;
    }
    const before = existing?.variants.find((x) => x.sku === sku);
    const variant: VariantInput = { sku, prices: [] };
    const barcode = text(values, `${at}.barcode`).trim();
    if (barcode) variant.barcode = barcode;
    for (const f of ['weight_grams', 'length_mm', 'width_mm', 'height_mm'] as const) {
      const raw = text(values, `${at}.${f}`).trim();
      if (raw === '') continue;
      if (!/^\d{1,9}$/.test(raw)) fail(`${at}.${f}`, 'expects a whole number');
      else variant[f] = Number(raw);
    }
    const chosen = parsePairs(text(values, `${at}.options`), (m) => fail(`${at}.options`, m));
    if (Object.keys(chosen).length) variant.options = chosen;
    const attrs = parsePairs(text(values, `${at}.attributes`), (m) => fail(`${at}.attributes`, m));
    if (Object.keys(attrs).length) {
      variant.attributes = Object.fromEntries(Object.entries(attrs).map(([code, raw]) => [code, attributeValue(kinds.get(code), raw.split(',').map((s) => s.trim()).filter(Boolean), (m) => fail(`${at}.attributes`, `${code}: ${m}`))]));
    }
    const tiers: NonNullable<VariantInput['tier_prices']> = [];
    for (const currency of currencies) {
      const amountText = text(values, `${at}.price.${currency}`).trim();
      const compareText = text(values, `${at}.compare.${currency}`).trim();
      const tiersText = text(values, `${at}.tiers.${currency}`).trim();
      if (amountText === '') {
        if (compareText) fail(`${at}.compare.${currency}`, 'a compare-at price needs a price');
        if (tiersText) fail(`${at}.tiers.${currency}`, 'tier prices need a price');
        continue;
      }
      const amount = parseMajor(amountText, currency);
      if (amount === null) {
        fail(`${at}.price.${currency}`, `not an amount in ${currency}`);
        continue;
      }
      const price: VariantInput['prices'][number] = { currency, amount };
      if (compareText) {
        const compare = parseMajor(compareText, currency);
        if (compare === null) fail(`${at}.compare.${currency}`, `not an amount in ${currency}`);
        else price.compare_at_amount = compare;
      }
      const cost = before?.prices.find((x) => x.currency === currency)?.cost_amount;
      if (cost !== undefined) price.cost_amount = cost;
      variant.prices.push(price);
      for (const part of tiersText.split(';').map((s) => s.trim()).filter(Boolean)) {
        const m = /^(\d{1,7})\s*=\s*(.+)$/.exec(part);
        const tierAmount = m ? parseMajor(m[2]!, currency) : null;
        if (!m || tierAmount === null) fail(`${at}.tiers.${currency}`, 'write tiers as "quantity = price; quantity = price"');
        else tiers.push({ currency, min_quantity: Number(m[1]), amount: tierAmount });
      }
    }
    // Prices in currencies the form does not show are kept.
    for (const price of before?.prices ?? []) if (!currencies.includes(price.currency)) variant.prices.push(price);
    for (const tier of before?.tier_prices ?? []) if (!currencies.includes(tier.currency)) tiers.push(tier);
    if (tiers.length) variant.tier_prices = tiers;
    variants.push(variant);
  }

  const productAttributes: Record<string, string | number | boolean | string[]> = {};
  for (const key of Object.keys(values)) {
    const m = /^attributes\.([a-z0-9][a-z0-9_-]*)$/.exec(key);
    if (!m) continue;
    const raw = list(values, key).map((s) => s.trim()).filter(Boolean);
    if (raw.length === 0) continue;
    productAttributes[m[1]!] = attributeValue(kinds.get(m[1]!), raw, (msg) => fail(key, msg));
  }

  const primary = text(values, 'primary_category');
  const categories = [...new Set([...(primary ? [primary] : []), ...list(values, 'categories')])];
  const tags = [...new Set(text(values, 'tags').split(',').map((t) => t.trim()).filter(Boolean))];
  const input: ProductInput = {
    status: text(values, 'status') as ProductInput['status'],
    featured: text(values, 'featured') === '1',
    allow_backorder: text(values, 'allow_backorder') === '1',
    translations: translations as ProductInput['translations'],
    variants,
    categories,
    collections: list(values, 'collections'),
    tags,
    options,
    attributes: productAttributes,
  };
  const type = text(values, 'type');
  if (type) input.type = type;
  const brand = text(values, 'brand');
  if (brand) input.brand = brand;
  const taxClass = text(values, 'tax_class').trim();
  if (taxClass) input.tax_class = taxClass;
  const published = text(values, 'published_at').trim();
  if (published && existing?.published_at && existing.published_at.slice(0, 16) === published) {
    input.published_at = existing.published_at; // the form shows minutes: an untouched date keeps its seconds
  } else if (published) {
    const d = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(published) ? new Date(published + 'Z') : null;
    if (!d || Number.isNaN(d.getTime())) fail('published_at', 'expects a date and time');
    else input.published_at = d.toISOString();
  }
  return { input, errors };
}

/** "size=250g; grind=whole" → { size: '250g', grind: 'whole' }. */
function parsePairs(raw: string, fail: (message: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of raw.split(';').map((s) => s.trim()).filter(Boolean)) {
    const i = part.indexOf('=');
    if (i <= 0 || part.slice(i + 1).trim() === '') fail('write it as "code=value; code=value"');
    else out[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return out;
}

/** A typed attribute value from form text: numbers, yes/no, option codes (several for an enumeration). */
function attributeValue(kind: string | undefined, raw: string[], fail: (message: string) => void): string | number | boolean | string[] {
  switch (kind) {
    case 'number': {
      const n = Number(raw[0]!.replace(',', '.'));
      if (raw.length !== 1 || !Number.isFinite(n)) fail('expects a number');
      return n;
    }
    case 'boolean':
      if (!/^(yes|no|true|false|1|0)$/i.test(raw[0]!)) fail('expects yes or no');
      return /^(yes|true|1)$/i.test(raw[0]!);
    case 'enum':
      return raw.length === 1 ? raw[0]! : raw;
    default:
      return raw.join(', ');
  }
}
