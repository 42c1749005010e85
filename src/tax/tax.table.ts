/** Per country: the tax's name on receipts (PPN, VAT, IVA) and whether shelf prices include it (the local habit). */
export interface TaxCountriesTable { country: string; prices_include_tax: number; label: string }
/** A rate in basis points (1100 = 11%); region '' applies to the whole country. */
export interface TaxRatesTable { country: string; region: string; tax_class: string; rate_bp: number }

export interface TaxTables { tax_countries: TaxCountriesTable; tax_rates: TaxRatesTable }
