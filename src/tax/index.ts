// The tax module's public surface: tax for a cart or order, the set-up behind it, and its admin routes.
import type { HttpModule } from '../platform/http/app.ts';
import { registerAdminTaxRoutes } from './http/admin-tax.routes.ts';

export { computeTax, setCountryTax, type TaxResult, type TaxLineInput, type TaxCountryInput } from './tax.service.ts';
export { listTaxCountries, getTaxCountry, type TaxCountryView } from './tax-admin.service.ts';
export { taxOf } from './compute-tax.ts';

export const taxModule: HttpModule = {
  name: 'tax',
  register(app, ctx) {
    registerAdminTaxRoutes(app, ctx);
  },
};
