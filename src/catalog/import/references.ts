// Resolves the codes an import names (product types, brands, categories, collections, attributes and their
// options) to ids: one query per table for a whole set of codes, whatever the number of products.
import type { Kysely } from 'kysely';
import type { AttributeKind } from '../catalog.table.ts';
import type { Database } from '../../platform/db/schema.ts';

const IN_LIST = 5000;

export interface AttributeRef { id: number; kind: AttributeKind; options: Map<string, number> }

export interface References {
  types: Map<string, number>;
  brands: Map<string, number>;
  categories: Map<string, number>;
  collections: Map<string, number>;
  attributes: Map<string, AttributeRef>;
}

export interface ReferencedCodes {
  types: Set<string>;
  brands: Set<string>;
  categories: Set<string>;
  collections: Set<string>;
  attributes: Set<string>;
}

export function emptyCodes(): ReferencedCodes {
  return { types: new Set(), brands: new Set(), categories: new Set(), collections: new Set(), attributes: new Set() };
}

async function byCode<R>(codes: Set<string>, load: (slice: string[]) => Promise<R[]>): Promise<R[]> {
  const list = [...codes];
  const out: R[] = [];
  for (let i = 0; i < list.length; i += IN_LIST) out.push(...(await load(list.slice(i, i + IN_LIST))));
  return out;
}

export async function resolveReferences(db: Kysely<Database>, codes: ReferencedCodes): Promise<References> {
  const [types, brands, categories, collections, attributes] = await Promise.all([
    byCode(codes.types, (c) => db.selectFrom('product_types').select(['id', 'code']).where('code', 'in', c).execute()),
    byCode(codes.brands, (c) => db.selectFrom('brands').select(['id', 'slug as code']).where('slug', 'in', c).execute()),
    byCode(codes.categories, (c) => db.selectFrom('categories').select(['id', 'code']).where('code', 'in', c).execute()),
    byCode(codes.collections, (c) => db.selectFrom('collections').select(['id', 'code']).where('code', 'in', c).execute()),
    byCode(codes.attributes, (c) => db.selectFrom('attributes').select(['id', 'code', 'kind']).where('code', 'in', c).execute()),
  ]);
  const attributeRefs = new Map<string, AttributeRef>();
  const byId = new Map<number, AttributeRef>();
  for (const a of attributes) {
    const ref: AttributeRef = { id: a.id, kind: a.kind, options: new Map() };
    attributeRefs.set(a.code, ref);
    byId.set(a.id, ref);
  }
  const enumIds = attributes.filter((a) => a.kind === 'enum').map((a) => a.id);
  if (enumIds.length > 0) {
    const options = await db.selectFrom('attribute_options').select(['id', 'attribute_id', 'code']).where('attribute_id', 'in', enumIds).execute();
    for (const o of options) byId.get(o.attribute_id)?.options.set(o.code, o.id);
  }
  const toMap = (rows: { id: number; code: string }[]) => new Map(rows.map((r) => [r.code, r.id]));
  return { types: toMap(types), brands: toMap(brands), categories: toMap(categories), collections: toMap(collections), attributes: attributeRefs };
}
