// Schemas every catalogue admin route shares: the error body by status and the numeric id parameter.
import { Type } from 'typebox';
import { ErrorSchema } from '../../platform/http/schemas.ts';

export { ErrorSchema };
export const adminErrors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });
