// Placeholders left in cached page HTML where each visitor's own parts go (src/storefront/page-cache.tsx fills them).
// Made only of characters HTML escaping leaves alone, so they come out of rendering unchanged.

/** Where the visitor's CSRF token goes, in every form of the page. */
export const CSRF_HOLE = 'pasar-csrf-hole-0b9e4d';

/** Where the header's mini-cart and account link go. */
export const PERSONAL_HOLE = '<span data-hole="personal"></span>';
