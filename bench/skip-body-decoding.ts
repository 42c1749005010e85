// Stops autocannon from turning every response body into a JavaScript string, which no bench scenario reads.
//
// autocannon 9 keeps each body for its onResponse/expectBody/verifyBody callbacks with `req.body += data`
// (lib/pipelinedRequestsQueue.js; mcollina/autocannon#485), so it decodes every body as UTF-8. For a gzipped page
// that is binary data read as text, and it is slow when the pages differ: 46 µs per 4 KB product page, cycling through
// ten of them (8 µs when the same bytes repeat, because the CPU learns their branches). That is more than Pasar spends
// answering (about 45 µs), so on two cores the load generator, not the shop, set the product page's pace: against
// the same server, 11.3k req/s with the decoding and 22.8k without (docs/decisions/0015). Bytes are still counted
// (addByteCount), status codes and latencies still recorded; only the unread string is gone.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Queue {
  prototype: { addBody: (data: Buffer) => void };
}

export function skipBodyDecoding(): void {
  const queue = require('autocannon/lib/pipelinedRequestsQueue.js') as Queue;
  // A newer autocannon may keep bodies elsewhere: refuse to run rather than measure something else unnoticed.
  if (typeof queue.prototype.addBody !== 'function' || !/req\.body \+= data/.test(String(queue.prototype.addBody))) {
    throw new Error('bench/skip-body-decoding.ts: autocannon no longer keeps bodies in PipelinedRequestsQueue.addBody; check this workaround against the installed version');
  }
  queue.prototype.addBody = function dropBody() {};
}

