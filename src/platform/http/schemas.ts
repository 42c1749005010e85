// Schemas every route shares.
import { Type } from 'typebox';

/** The body of every error answer: `{ "error": { "code", "message", "details"? } }`. */
export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }),
});
