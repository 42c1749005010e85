// The demo shop's delivery and tax set-up: a Jakarta warehouse shipping across Indonesia, Thailand, the Philippines
// and Mexico with local carriers, realistic prices, free delivery above a threshold, and each country's sales tax.
import type { AppContext } from '../../platform/context.ts';
import { addShippingSetup, setShopCalendar } from '../../shipping/index.ts';
import { setCountryTax } from '../../tax/index.ts';

// Indonesian public holidays (national days off) in 2026 and 2027: no packing, no delivery. Easter Sunday is a
// national holiday since 2024. The 2027 dates of the lunar holidays (Isra Mikraj, Nyepi, Idul Fitri, Idul Adha,
// Waisak, Islamic New Year, Maulid) are the expected ones; the government's decree fixes them a year ahead.
const HOLIDAYS = [
  '2026-01-01', '2026-01-16', '2026-02-17', '2026-03-19', '2026-03-20', '2026-03-21', '2026-04-03', '2026-04-05',
  '2026-05-01', '2026-05-14', '2026-05-27', '2026-05-31', '2026-06-01', '2026-06-16', '2026-08-17', '2026-08-25',
  '2026-12-25',
  '2027-01-01', '2027-01-06', '2027-02-06', '2027-03-09', '2027-03-10', '2027-03-26', '2027-03-28', '2027-05-01',
  '2027-05-06', '2027-05-16', '2027-05-20', '2027-06-01', '2027-06-06', '2027-08-15', '2027-08-17', '2027-12-25',
];

const bandsIdr = (prices: number[]) => [{ up_to: 1000, price: prices[0]! }, { up_to: 3000, price: prices[1]! }, { up_to: 10_000, price: prices[2]! }, { up_to: 30_000, price: prices[3]! }];

export async function seedShippingAndTax(ctx: AppContext): Promise<void> {
  await setShopCalendar(ctx, { timeZone: 'Asia/Jakarta', cutoff: '14:00', processingDays: 1, workingDays: [1, 2, 3, 4, 5], holidays: HOLIDAYS });
  await addShippingSetup(ctx, {
    carriers: [
      { code: 'jne', name: 'JNE', tracking_url_template: 'https://www.jne.co.id/tracking-package?awb={tracking}' },
      { code: 'jnt', name: 'J&T Express', tracking_url_template: 'https://jet.co.id/track?awb={tracking}' },
      { code: 'sicepat', name: 'SiCepat', tracking_url_template: 'https://www.sicepat.com/checkAwb?awb={tracking}' },
      { code: 'kerry', name: 'Kerry Express', tracking_url_template: 'https://th.kerryexpress.com/en/track/?track={tracking}' },
      { code: 'lbc', name: 'LBC Express', tracking_url_template: 'https://www.lbcexpress.com/track/?tracking_no={tracking}' },
      { code: 'dhl', name: 'DHL Express', tracking_url_template: 'https://www.dhl.com/global-en/home/tracking.html?tracking-id={tracking}' },
    ],
    zones: [
      { code: 'jabodetabek', name: 'Jabodetabek', countries: ['ID'], postal_prefixes: ['10', '11', '12', '13', '14', '15', '16', '17'] },
      { code: 'java', name: 'Java and Bali', countries: ['ID'], regions: ['Jawa Barat', 'Jawa Tengah', 'Jawa Timur', 'DI Yogyakarta', 'Banten', 'Bali'] },
      { code: 'indonesia', name: 'Rest of Indonesia', countries: ['ID'] },
      { code: 'thailand', name: 'Thailand', countries: ['TH'] },
      { code: 'philippines', name: 'Philippines', countries: ['PH'] },
      { code: 'mexico', name: 'Mexico', countries: ['MX'] },
    ],
    methods: [
      { code: 'jkt-sameday', zone: 'jabodetabek', carrier: 'sicepat', names: { en: 'Same-day courier', id: 'Kurir sehari sampai' }, rate_type: 'flat', rates: { IDR: [{ up_to: null, price: 25_000 }] }, transit: { min: 0, max: 0 } },
      { code: 'jkt-regular', zone: 'jabodetabek', carrier: 'jne', names: { en: 'JNE Regular', id: 'JNE Reguler' }, rate_type: 'weight_bands', rates: { IDR: bandsIdr([10_000, 18_000, 35_000, 90_000]) }, free_above: { IDR: 500_000 }, transit: { min: 1, max: 2 } },
      { code: 'java-regular', zone: 'java', carrier: 'jnt', names: { en: 'J&T Regular', id: 'J&T Reguler' }, rate_type: 'weight_bands', rates: { IDR: bandsIdr([15_000, 26_000, 55_000, 140_000]) }, free_above: { IDR: 750_000 }, transit: { min: 2, max: 3 } },
      { code: 'id-regular', zone: 'indonesia', carrier: 'jne', names: { en: 'JNE Regular', id: 'JNE Reguler' }, rate_type: 'weight_bands', rates: { IDR: bandsIdr([28_000, 52_000, 110_000, 290_000]) }, transit: { min: 3, max: 7 } },
      { code: 'th-standard', zone: 'thailand', carrier: 'kerry', names: { en: 'Kerry Express', th: 'เคอรี่ เอ็กซ์เพรส' }, rate_type: 'subtotal_bands', rates: { THB: [{ up_to: 99_900, price: 25_000 }, { up_to: null, price: 15_000 }] }, free_above: { THB: 250_000 }, transit: { min: 4, max: 7 } },
      { code: 'ph-standard', zone: 'philippines', carrier: 'lbc', names: { en: 'LBC Express', fil: 'LBC Express' }, rate_type: 'flat', rates: { PHP: [{ up_to: null, price: 45_000 }] }, free_above: { PHP: 500_000 }, transit: { min: 5, max: 9 } },
      { code: 'mx-express', zone: 'mexico', carrier: 'dhl', names: { en: 'DHL Express', es: 'DHL Express' }, rate_type: 'weight_bands', rates: { MXN: [{ up_to: 2000, price: 49_000 }, { up_to: 10_000, price: 89_000 }] }, transit: { min: 6, max: 10 } },
    ],
  });
  await setCountryTax(ctx, { country: 'ID', label: 'PPN', prices_include_tax: true, rates: [{ tax_class: 'standard', rate_bp: 1100 }] });
  await setCountryTax(ctx, { country: 'TH', label: 'VAT', prices_include_tax: true, rates: [{ tax_class: 'standard', rate_bp: 700 }] });
  await setCountryTax(ctx, { country: 'PH', label: 'VAT', prices_include_tax: true, rates: [{ tax_class: 'standard', rate_bp: 1200 }] });
  await setCountryTax(ctx, { country: 'MX', label: 'IVA', prices_include_tax: true, rates: [{ tax_class: 'standard', rate_bp: 1600 }] });
}
