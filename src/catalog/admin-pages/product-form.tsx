// The product edit form: general settings, translations per language, options, variants with prices per currency and
// tier prices, attribute values. Plain HTML that works without JavaScript: rows for the stored options and
// variants plus one blank row each to add another (save, and a new blank row appears).
import { Checkbox, Csrf, ErrorSummary, Select, TextArea, TextField, type FieldErrors } from '../../admin/index.ts';
import { SUPPORTED_LOCALES } from '../../platform/config.ts';
import type { AdminAttribute, AdminBrand, AdminCategory, AdminCollection, AdminProductType } from '../taxonomy/index.ts';
import { list, rowCount, text, type FormValues } from './product-form-values.ts';

export interface FormChoices {
  types: AdminProductType[];
  brands: AdminBrand[];
  categories: AdminCategory[];
  collections: AdminCollection[];
  attributes: AdminAttribute[];
  currencies: string[];
  defaultLocale: string;
}

const nameIn = (translations: Record<string, { name: string }>, locale: string) => translations[locale]?.name ?? Object.values(translations)[0]?.name ?? '';

export function ProductForm({ values, errors, csrf, action, choices }: { values: FormValues; errors: FieldErrors; csrf: string; action: string; choices: FormChoices }) {
  const dl = choices.defaultLocale;
  const categoryOptions = choices.categories.map((c) => ({ value: c.code, label: `${'— '.repeat(c.depth)}${nameIn(c.translations, dl)} (${c.code})` }));
  return (
    <form method="post" action={action} novalidate>
      <Csrf token={csrf} />
      <ErrorSummary errors={errors} />
      <fieldset id="general">
        <legend>General</legend>
        <div class="grid2">
          <Select label="Status" name="status" value={text(values, 'status')} errors={errors} options={[
            { value: 'draft', label: 'Draft (hidden)' }, { value: 'active', label: 'Active (in the shop)' }, { value: 'archived', label: 'Archived' },
          ]} />
          <Select label="Product type" name="type" value={text(values, 'type')} errors={errors} hint="Which attributes apply."
            options={[{ value: '', label: '(none)' }, ...choices.types.map((t) => ({ value: t.code, label: t.name }))]} />
          <Select label="Brand" name="brand" value={text(values, 'brand')} errors={errors}
            options={[{ value: '', label: '(none)' }, ...choices.brands.map((b) => ({ value: b.slug, label: b.name }))]} />
          <Select label="Primary category" name="primary_category" value={text(values, 'primary_category')} errors={errors}
            hint="Breadcrumbs and the canonical listing." options={[{ value: '', label: '(none)' }, ...categoryOptions]} />
          <Select label="Other categories" name="categories" multiple selected={list(values, 'categories')} errors={errors} options={categoryOptions} />
          <Select label="Collections" name="collections" multiple selected={list(values, 'collections')} errors={errors}
            options={choices.collections.map((c) => ({ value: c.code, label: nameIn(c.translations, dl) || c.code }))} />
          <TextField label="Tags" name="tags" value={text(values, 'tags')} maxLength={2000} hint="Separated by commas." errors={errors} />
          <TextField label="Tax class" name="tax_class" value={text(values, 'tax_class')} maxLength={64} errors={errors} />
          <TextField label="Publication date (UTC)" name="published_at" type="datetime-local" value={text(values, 'published_at')}
            hint="Empty: set when the product first becomes active." errors={errors} />
        </div>
        <Checkbox label="Featured on the home page" name="featured" checked={text(values, 'featured') === '1'} errors={errors} />
        <Checkbox label="Sell when out of stock (backorder)" name="allow_backorder" checked={text(values, 'allow_backorder') === '1'} errors={errors} />
      </fieldset>

      <fieldset id="translations">
        <legend>Texts per language</legend>
        {SUPPORTED_LOCALES.map((locale) => {
          const p = `translations.${locale}`;
          const isDefault = locale === dl;
          const name = text(values, `${p}.name`);
          const hasError = Object.keys(errors).some((k) => k.startsWith(p));
          return (
            <details class="locale" open={isDefault || hasError}>
              <summary>{locale.toUpperCase()} {isDefault ? '(default, required)' : name ? `— ${name}` : '(not translated)'}</summary>
              <div>
                {errors[p] && <p class="field-error">{errors[p]}</p>}
                <div class="grid2">
                  <TextField label="Name" name={`${p}.name`} value={name} required={isDefault} maxLength={200} errors={errors} />
                  <TextField label="Slug" name={`${p}.slug`} value={text(values, `${p}.slug`)} maxLength={200} errors={errors}
                    hint="Lowercase words joined by hyphens. Empty: made from the name (a saved slug is kept when the name changes)." />
                </div>
                <TextArea label="Short description" name={`${p}.short_description`} value={text(values, `${p}.short_description`)} rows={2} maxLength={1000} errors={errors} />
                <TextArea label="Description" name={`${p}.description`} value={text(values, `${p}.description`)} rows={8} maxLength={50_000} errors={errors} />
                <div class="grid2">
                  <TextField label="SEO title" name={`${p}.seo_title`} value={text(values, `${p}.seo_title`)} maxLength={200} errors={errors} />
                  <TextField label="SEO description" name={`${p}.seo_description`} value={text(values, `${p}.seo_description`)} maxLength={500} errors={errors} />
                </div>
                <TextField label="Search keywords" name={`${p}.keywords`} value={text(values, `${p}.keywords`)} maxLength={1000} errors={errors} />
                {!isDefault && <p class="hint">Leave every field of this language empty to fall back to {dl.toUpperCase()}.</p>}
              </div>
            </details>
          );
        })}
      </fieldset>

      <fieldset id="options">
        <legend>Options (such as size or colour)</legend>
        {Array.from({ length: rowCount(values, 'options', 'code') }, (_, i) => (
          <div class="card grid2">
            <TextField label={`Option ${i + 1} code`} name={`options.${i}.code`} value={text(values, `options.${i}.code`)} maxLength={64} errors={errors} hint="e.g. size. Empty: no option." />
            <TextField label={`Option ${i + 1} name (${dl.toUpperCase()})`} name={`options.${i}.name`} value={text(values, `options.${i}.name`)} maxLength={100} errors={errors} />
            <TextArea label={`Option ${i + 1} values`} name={`options.${i}.values`} value={text(values, `options.${i}.values`)} rows={3} errors={errors}
              hint="One per line: code = label, e.g. 250g = 250 g." />
          </div>
        ))}
      </fieldset>

      <fieldset id="variants">
        <legend>Variants</legend>
        <p class="hint">Prices in {choices.currencies.join(', ')}, in major units (e.g. 12.50). Tier prices: “6 = 11.00; 12 = 10.00” (from 6 pieces, 11.00 each).</p>
        {Array.from({ length: rowCount(values, 'variants', 'sku') }, (_, i) => {
          const at = `variants.${i}`;
          return (
            <div class="card" id={`variant-${i}`}>
              <h3>{text(values, `${at}.sku`) || 'New variant'}</h3>
              <div class="grid2">
                <TextField label="SKU" name={`${at}.sku`} value={text(values, `${at}.sku`)} maxLength={64} errors={errors} hint={i === 0 ? 'Required. Remove it to delete the variant.' : undefined} />
                <TextField label="Barcode (EAN/UPC)" name={`${at}.barcode`} value={text(values, `${at}.barcode`)} maxLength={64} errors={errors} />
                <TextField label="Weight" suffix="g" name={`${at}.weight_grams`} value={text(values, `${at}.weight_grams`)} maxLength={9} errors={errors} />
                <TextField label="Length" suffix="mm" name={`${at}.length_mm`} value={text(values, `${at}.length_mm`)} maxLength={9} errors={errors} />
                <TextField label="Width" suffix="mm" name={`${at}.width_mm`} value={text(values, `${at}.width_mm`)} maxLength={9} errors={errors} />
                <TextField label="Height" suffix="mm" name={`${at}.height_mm`} value={text(values, `${at}.height_mm`)} maxLength={9} errors={errors} />
                <TextField label="Option values" name={`${at}.options`} value={text(values, `${at}.options`)} maxLength={1000} errors={errors} hint="e.g. size=250g; colour=red" />
                <TextField label="Variant attributes" name={`${at}.attributes`} value={text(values, `${at}.attributes`)} maxLength={2000} errors={errors} hint="e.g. weight=250; organic=yes" />
              </div>
              <div class="table-wrap">
                <table>
                  <caption class="skip">Prices of variant {i + 1}</caption>
                  <thead><tr><th scope="col">Currency</th><th scope="col">Price</th><th scope="col">Compare-at price</th><th scope="col">Tier prices</th></tr></thead>
                  <tbody>
                    {choices.currencies.map((c) => (
                      <tr>
                        <th scope="row">{c}</th>
                        <td><TextField label={`Price ${c}`} name={`${at}.price.${c}`} value={text(values, `${at}.price.${c}`)} maxLength={20} errors={errors} /></td>
                        <td><TextField label={`Compare-at ${c}`} name={`${at}.compare.${c}`} value={text(values, `${at}.compare.${c}`)} maxLength={20} errors={errors} /></td>
                        <td><TextField label={`Tiers ${c}`} name={`${at}.tiers.${c}`} value={text(values, `${at}.tiers.${c}`)} maxLength={500} errors={errors} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </div>
          );
        })}
      </fieldset>

      <fieldset id="attributes">
        <legend>Attributes</legend>
        <AttributeFields values={values} errors={errors} choices={choices} />
      </fieldset>

      <div class="actions">
        <button type="submit">Save</button>
        <a href="/admin/products">Cancel</a>
      </div>
    </form>
  );
}

/** The attributes of the chosen product type (all of them without a type), and any that already hold a value. */
function AttributeFields({ values, errors, choices }: { values: FormValues; errors: FieldErrors; choices: FormChoices }) {
  const type = choices.types.find((t) => t.code === text(values, 'type'));
  const shown = choices.attributes.filter((a) => !type || type.attributes.includes(a.code) || list(values, `attributes.${a.code}`).length > 0);
  if (shown.length === 0) return <p>No attributes are defined.</p>;
  const dl = choices.defaultLocale;
  return (
    <div class="grid2">
      {shown.map((a) => {
        const name = `attributes.${a.code}`;
        const label = `${a.names[dl] ?? a.code}${a.unit ? ` (${a.unit})` : ''}`;
        if (a.kind === 'enum') {
          return <Select label={label} name={name} multiple selected={list(values, name)} errors={errors}
            options={a.options.map((o) => ({ value: o.code, label: o.labels[dl] ?? o.code }))} hint="Several may be chosen." />;
        }
        if (a.kind === 'boolean') {
          return <Select label={label} name={name} value={text(values, name)} errors={errors}
            options={[{ value: '', label: '(not set)' }, { value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]} />;
        }
        return <TextField label={label} name={name} value={text(values, name)} maxLength={500} errors={errors} suffix={a.unit ?? undefined} />;
      })}
    </div>
  );
}
