// schema.org JSON-LD inside <script type="application/ld+json">: "<" is escaped so no text from the database can
// close the script element.
export function jsonLdText(data: unknown): string {
  return JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
