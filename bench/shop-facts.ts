// What the scenarios need to know about the seeded shop, read through its own store API (as a client would).
export interface ShopFacts {
  categorySlug: string;
  brandSlug: string | null;
  productSlugs: string[];
  skus: string[];
  searchWord: string;
}

export async function readShopFacts(base: string): Promise<ShopFacts> {
  const get = async (path: string) => {
    const res = await fetch(base + path);
    if (!res.ok) throw new Error(`${path}: ${res.status}`);
    return res.json() as Promise<any>;
  };
  const categories = await get('/api/store/categories');
  const category = categories.items.find((c: { product_count: number }) => c.product_count > 20) ?? categories.items[0];
  const list = await get(`/api/store/products?category=${encodeURIComponent(category.slug)}&in_stock=true&per_page=20`);
  const products = list.items as Array<{ slug: string; name: string; brand: { slug: string } | null }>;
  const skus: string[] = [];
  // Ten SKUs in stock, whatever earlier runs sold: the checkout scenario's contention depends on how many it gets.
  for (const p of products) {
    if (skus.length === 10) break;
    const detail = await get(`/api/store/products/${encodeURIComponent(p.slug)}`);
    const variant = detail.variants.find((v: { stock: { status: string }; price: unknown }) => v.price && v.stock.status === 'in_stock');
    if (variant) skus.push(variant.sku);
  }
  return {
    categorySlug: category.slug,
    brandSlug: list.facets.brands[0]?.value ?? null,
    productSlugs: products.map((p) => p.slug),
    skus,
    searchWord: products[0]!.name.split(/\s+/)[0]!.toLowerCase(),
  };
}
