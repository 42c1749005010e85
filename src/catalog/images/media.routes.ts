// GET /media/products/<storage_key>/<width>.<format>: the URLs urls.ts builds. Anything that is not exactly a
// known key, an offered width and a served format answers 404 (never 400: these are file URLs, and a crawler
// following a broken one should see "not found"). Content-addressed, so cached for a year as immutable.
import { Type } from 'typebox';
import type { AppContext } from '../../platform/context.ts';
import type { App } from '../../platform/http/app.ts';
import { errorBody } from '../../platform/http/errors.ts';
import { CONTENT_TYPES, getRendition, RENDITION_VERSION } from './renditions.ts';
import { IMAGE_FORMATS, IMAGE_WIDTHS, STORAGE_KEY_PATTERN, type ImageFormat, type ImageWidth } from './urls.ts';

const FILE_PATTERN = /^([1-9]\d{0,4})\.([a-z]{1,5})$/; // no leading zeros: one URL per rendition

function parse(key: string, file: string): { width: ImageWidth; format: ImageFormat } | null {
  if (!STORAGE_KEY_PATTERN.test(key)) return null;
  const m = FILE_PATTERN.exec(file);
  if (!m) return null;
  const width = Number(m[1]) as ImageWidth;
  const format = m[2] as ImageFormat;
  if (!IMAGE_WIDTHS.includes(width) || !IMAGE_FORMATS.includes(format)) return null;
  return { width, format };
}

export function registerMediaRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/media/products/:key/:file',
    {
      schema: {
        tags: ['store'],
        summary: 'A product photo rendition',
        description: `Path: /media/products/{storage_key}/{width}.{format} with width one of ${IMAGE_WIDTHS.join(', ')} and format one of ${IMAGE_FORMATS.join(', ')}. Made on first request (never wider than the original); immutable.`,
        params: Type.Object(
          { key: Type.String({ maxLength: 200 }), file: Type.String({ maxLength: 200 }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { key, file } = request.params as { key: string; file: string };
      const wanted = parse(key, file);
      const notFound = () => reply.status(404).header('cache-control', 'no-store').send(errorBody('not_found', 'No such image'));
      if (!wanted) return notFound();
      const etag = `"${key}-${wanted.width}-${wanted.format}-v${RENDITION_VERSION}"`;
      const bytes = await getRendition(ctx.config.dataDir, key, wanted.width, wanted.format);
      if (!bytes) return notFound();
      reply
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('etag', etag)
        .header('x-content-type-options', 'nosniff')
        .type(CONTENT_TYPES[wanted.format]);
      if (request.headers['if-none-match'] === etag) return reply.status(304).send();
      return reply.send(bytes);
    },
  );
}
