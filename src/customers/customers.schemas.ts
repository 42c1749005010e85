// The shapes of the customer API, shared by its routes (validation, OpenAPI) and the account pages.
import { Type, type Static } from 'typebox';
import { CURRENCIES, SUPPORTED_LOCALES, type CurrencyCode, type Locale } from '../platform/config.ts';
import { MAX_PASSWORD_LENGTH } from '../platform/auth/password.ts';
import { PHONE_PATTERN } from '../checkout/index.ts';

/** A person's name: no control characters or angle brackets (no markup), 1–120 characters. */
export const NAME_PATTERN = '^[^<>\\u0000-\\u001f\\u007f]*[^<>\\s\\u0000-\\u001f\\u007f][^<>\\u0000-\\u001f\\u007f]*$';
export const BIRTHDAY_PATTERN = '^(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$';
export const EMAIL_PATTERN = '^[^\\s@<>()",;:\\\\]+@[^\\s@<>()",;:\\\\]+\\.[^\\s@<>()",;:\\\\]+$';

export const Email = Type.String({ format: 'email', pattern: EMAIL_PATTERN, minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
export const Name = Type.String({ minLength: 1, maxLength: 120, pattern: NAME_PATTERN });
export const Phone = Type.String({ maxLength: 32, pattern: PHONE_PATTERN });
export const Birthday = Type.String({ pattern: BIRTHDAY_PATTERN, description: 'YYYY-MM-DD' });
export const LocaleCode = Type.Unsafe<Locale>({ type: 'string', enum: [...SUPPORTED_LOCALES] });
export const CurrencyCodeSchema = Type.Unsafe<CurrencyCode>({ type: 'string', enum: Object.keys(CURRENCIES) });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const RegisterBody = Type.Object(
  { email: Email, password: Password, name: Name, locale: Type.Optional(LocaleCode) },
  { additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const LoginBody = Type.Object({ email: Type.String({ minLength: 1, maxLength: 254 }), password: Password }, { additionalProperties: false });

export const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Name),
    phone: Type.Optional(Nullable(Phone)),
    birthday: Type.Optional(Nullable(Birthday)),
    preferred_locale: Type.Optional(Nullable(LocaleCode)),
    preferred_currency: Type.Optional(Nullable(CurrencyCodeSchema)),
    marketing_consent: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProfilePatch = Static<typeof ProfilePatch>;

export const Profile = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  name: Type.String(),
  phone: Nullable(Type.String()),
  birthday: Nullable(Type.String()),
  email_verified: Type.Boolean(),
  email_verified_at: Nullable(Type.String()),
  preferred_locale: Nullable(Type.String()),
  preferred_currency: Nullable(Type.String()),
  marketing_consent: Type.Boolean(),
  marketing_consent_at: Nullable(Type.String()),
  created_at: Type.String(),
});
export type Profile = Static<typeof Profile>;

export const AddressInput = Type.Object(
  {
    name: Name,
    line1: Type.String({ minLength: 1, maxLength: 200, pattern: NAME_PATTERN }),
    line2: Type.Optional(Nullable(Type.String({ maxLength: 200, pattern: '^[^<>\\u0000-\\u001f\\u007f]*$' }))),
    city: Type.String({ minLength: 1, maxLength: 100, pattern: NAME_PATTERN }),
    region: Type.String({ minLength: 1, maxLength: 100, pattern: NAME_PATTERN }),
    postal_code: Type.String({ minLength: 1, maxLength: 12 }),
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    phone: Phone,
    is_default: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AddressInput = Static<typeof AddressInput>;

export const Address = Type.Object({
  id: Type.Integer(), name: Type.String(), line1: Type.String(), line2: Nullable(Type.String()), city: Type.String(), region: Type.String(),
  postal_code: Type.String(), country: Type.String(), phone: Type.String(), is_default: Type.Boolean(),
});
export type Address = Static<typeof Address>;
