// The tax module's public surface.
export { computeTax, setCountryTax, type TaxResult, type TaxLineInput, type TaxCountryInput } from './tax.service.ts';
export { taxOf } from './compute-tax.ts';
