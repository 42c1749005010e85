// Admin API for taxes: one record per country (label, prices include tax or not, rates by region and tax class).
import { Type } from 'typebox';
import { adminSecurity, requirePermission } from '../../platform/auth/require-permission.ts';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { ErrorSchema } from '../../platform/http/schemas.ts';
import { deleteTaxCountry, getTaxCountry, listTaxCountries, putTaxCountry } from '../tax-admin.service.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema };
const CountryParams = Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }) }, { additionalProperties: false });
const Rate = Type.Object({
  region: Type.Union([Type.String(), Type.Null()], { description: 'null: the whole country' }),
  tax_class: Type.String(),
  rate_bp: Type.Integer({ description: 'Basis points: 1100 = 11%' }),
});
const TaxCountry = Type.Object({ country: Type.String(), label: Type.String(), prices_include_tax: Type.Boolean(), rates: Type.Array(Rate) });
const TaxCountryBody = Type.Object({
  label: Type.String({ minLength: 1, maxLength: 40, description: 'The tax\'s name on receipts: PPN, VAT, IVA' }),
  prices_include_tax: Type.Boolean({ description: 'Shelf prices include the tax (the habit in ID, TH, PH, MX)' }),
  rates: Type.Array(Type.Object({
    region: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100, pattern: '^[^,<>\\u0000-\\u001f]+$' }), Type.Null()])),
    tax_class: Type.String({ minLength: 1, maxLength: 32, pattern: '^[a-z][a-z0-9_-]*$', description: 'Products carry one: standard, reduced, zero…' }),
    rate_bp: Type.Integer({ minimum: 0, maximum: 10_000 }),
  }, { additionalProperties: false }), { maxItems: 500 }),
}, { additionalProperties: false });

export function registerAdminTaxRoutes(app: App, ctx: AppContext): void {
  const read = requirePermission(ctx, 'settings:read');
  const write = requirePermission(ctx, 'settings:write');
  const base = { tags: ['admin', 'tax'], security: adminSecurity };
  const country = (params: unknown) => (params as { country: string }).country;

  app.get('/api/admin/tax/countries', {
    preHandler: read,
    schema: { ...base, summary: 'List the countries with a tax set-up and their rates', response: { 200: Type.Object({ items: Type.Array(TaxCountry) }), ...errors } },
  }, async () => ({ items: await listTaxCountries(ctx) }));

  app.get('/api/admin/tax/countries/:country', {
    preHandler: read,
    schema: { ...base, summary: 'Read the tax set-up of a country', params: CountryParams, response: { 200: TaxCountry, ...errors } },
  }, (request) => getTaxCountry(ctx, country(request.params)));

  app.put('/api/admin/tax/countries/:country', {
    preHandler: write,
    schema: {
      ...base, summary: 'Set the tax of a country: label, inclusive prices, and all its rates (replaced)',
      params: CountryParams, body: TaxCountryBody, response: { 200: TaxCountry, ...errors },
    },
  }, (request) => putTaxCountry(ctx, country(request.params), request.body as Parameters<typeof putTaxCountry>[2]));

  app.delete('/api/admin/tax/countries/:country', {
    preHandler: write,
    schema: { ...base, summary: 'Remove the tax set-up of a country (no tax is charged there afterwards)', params: CountryParams, response: { 204: Type.Null({ description: 'Deleted' }), ...errors } },
  }, async (request, reply) => {
    await deleteTaxCountry(ctx, country(request.params));
    return reply.code(204).send();
  });
}
