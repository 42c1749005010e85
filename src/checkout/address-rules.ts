// What a valid address looks like per country: the API validates with these rules and the checkout form puts the
// same patterns in its inputs, so the shopper sees a mistake before submitting.

export interface AddressRules {
  postalCode: { pattern: string; example: string };
  /** How the country calls the region field: province, state… (a message key of the storefront). */
  regionLabel: 'province' | 'state' | 'region';
}

export const ADDRESS_RULES: Record<string, AddressRules> = {
  ID: { postalCode: { pattern: '^[1-9][0-9]{4}$', example: '12190' }, regionLabel: 'province' },
  TH: { postalCode: { pattern: '^[1-9][0-9]{4}$', example: '10110' }, regionLabel: 'province' },
  PH: { postalCode: { pattern: '^[0-9]{4}$', example: '1226' }, regionLabel: 'province' },
  MX: { postalCode: { pattern: '^[0-9]{5}$', example: '06700' }, regionLabel: 'state' },
};

const FALLBACK: AddressRules = { postalCode: { pattern: '^[A-Za-z0-9 -]{2,10}$', example: '' }, regionLabel: 'region' };

export function rulesFor(country: string): AddressRules {
  return ADDRESS_RULES[country] ?? FALLBACK;
}

/** Digits with an optional leading +, spaces and dashes allowed: 7 to 15 digits in all (E.164). */
export const PHONE_PATTERN = '^\\+?[0-9][0-9 -]{5,19}[0-9]$';

export interface AddressProblem { field: string; message: string }

export function checkAddress(address: { postal_code: string; country: string; phone: string }): AddressProblem[] {
  const problems: AddressProblem[] = [];
  const rules = rulesFor(address.country);
  if (!new RegExp(rules.postalCode.pattern).test(address.postal_code)) {
    problems.push({ field: 'postal_code', message: `Postal code does not look right for ${address.country}${rules.postalCode.example ? ` (e.g. ${rules.postalCode.example})` : ''}` });
  }
  const digits = address.phone.replace(/\D/g, '');
  if (!new RegExp(PHONE_PATTERN).test(address.phone) || digits.length < 7 || digits.length > 15) {
    problems.push({ field: 'phone', message: 'Phone number needs 7 to 15 digits' });
  }
  return problems;
}
