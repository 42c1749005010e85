// Reads a multipart image upload (one file and a few text fields) into memory. The file is bounded by the multipart
// limits (MAX_UPLOAD_BYTES), so nothing reaches the disk before the image has been checked.
import type { FastifyRequest } from 'fastify';
import type { FastifyMultipartOptions } from '@fastify/multipart';
import { AppError } from '../../platform/http/errors.ts';
import type { StoreImageOptions } from './images.service.ts';
import { auditUploadedFile } from '../../audit/index.ts';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

/** Registered with @fastify/multipart in the images module's own scope. */
export const MULTIPART_OPTIONS: FastifyMultipartOptions = {
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20, fieldSize: 2000, parts: 21, fieldNameSize: 100, headerPairs: 50 },
};

export interface ImageUpload {
  data: Buffer;
  options: StoreImageOptions;
}

const fieldProblem = (name: string, message: string) => new AppError(400, 'validation_failed', `${name}: ${message}`, [{ path: `/${name.replace(/\./g, '/')}`, message }]);

function integerField(name: string, value: string): number {
  if (!/^\d{1,9}$/.test(value.trim())) throw fieldProblem(name, 'must be a whole number from 0');
  return Number(value.trim());
}

/** Form fields besides the file: `alt.<locale>`, `position`, `variant_id`; others ignored when `ignore` names them. */
function applyField(options: StoreImageOptions, name: string, value: string, ignore: readonly string[]): void {
  if (name.startsWith('alt.')) {
    options.alt = { ...options.alt, [name.slice(4)]: value };
  } else if (name === 'position') {
    if (value.trim() !== '') options.position = integerField(name, value);
  } else if (name === 'variant_id') {
    if (value.trim() !== '') options.variantId = integerField(name, value);
  } else if (!ignore.includes(name)) {
    throw fieldProblem(name, 'unknown field (expected file, alt.<locale>, position, variant_id)');
  }
}

/**
 * The uploaded file (field `file`) and options from the other fields. 415 when the request is not multipart,
 * 400 without a file or with unknown fields, 413 when a limit is exceeded.
 */
export async function readImageUpload(request: FastifyRequest, ignore: readonly string[] = []): Promise<ImageUpload> {
  if (!request.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the image as multipart/form-data with a "file" field');
  const options: StoreImageOptions = {};
  let data: Buffer | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw fieldProblem(part.fieldname, 'unknown file field (send the image as "file")');
        }
        auditUploadedFile(request, part.filename);
        data = await part.toBuffer();
      } else {
        applyField(options, part.fieldname, typeof part.value === 'string' ? part.value : String(part.value), ignore);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413) {
      throw new AppError(413, 'upload_too_large', `The upload is too large (at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, one file)`);
    }
    if (status && status >= 400 && status < 500) throw new AppError(400, 'invalid_multipart', (err as Error).message);
    throw err;
  }
  if (!data) throw fieldProblem('file', 'an image file is required');
  return { data, options };
}
