// A read-through cache for catalogue reads and rendered public pages.
//
// Correctness comes from one rule: every write that could change a cached answer calls invalidate(), which moves the
// cache to a new generation; entries of older generations are never served. A load that started before an
// invalidation is stored under the generation it started in, so it cannot resurrect stale data.
//
// With several processes (REDIS_URL set) the generation lives in Redis: invalidate() increments it there and
// publishes it, and every process follows within the pub/sub delay. Entries are also written to Redis, so a process
// that misses locally can take another's work instead of querying the database again.
import type { Redis } from 'ioredis';

export interface ReadCacheOptions {
  /** Entries kept in this process; the least recently used goes first. */
  maxEntries?: number;
  /** A safety net for answers that also depend on time (delivery dates): no entry is served after this. */
  ttlMs?: number;
  /** Shared generation and entries; null for one process. */
  shared?: { client: Redis; subscriber: Redis; prefix?: string } | null;
  now?: () => number;
}

interface Entry {
  generation: number;
  expiresAt: number;
  value: unknown;
}

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<unknown>>();
  private generation = 0;
  private ready: Promise<void> | null = null;
  private bypass = false;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly prefix: string;
  hits = 0;
  misses = 0;

  constructor(private readonly options: ReadCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.prefix = options.shared?.prefix ?? 'pasar:cache:';
  }

  /**
   * Joins the shared generation (when Redis is configured). Reads wait for it; if Redis cannot be joined, the cache
   * steps aside (every read goes to the database) rather than risk serving what another process has changed.
   */
  start(onError?: (err: unknown) => void): Promise<void> {
    const shared = this.options.shared;
    if (!shared || this.ready) return this.ready ?? Promise.resolve();
    const channel = `${this.prefix}invalidate`;
    const resync = async () => this.follow(Number((await shared.client.get(`${this.prefix}generation`)) ?? 0));
    shared.subscriber.on('message', (from, message) => {
      if (from === channel) this.follow(Number(message));
    });
    this.ready = (async () => {
      await shared.subscriber.subscribe(channel);
      await resync();
      // Invalidations published while the subscription was down were missed: catch up when it comes back.
      shared.subscriber.on('ready', () => void resync().catch(() => undefined));
    })().catch((err) => {
      this.bypass = true;
      onError?.(err);
    });
    return this.ready;
  }

  private follow(generation: number): void {
    if (Number.isFinite(generation) && generation > this.generation) {
      this.generation = generation;
      this.entries.clear();
    }
  }

  /** The cached answer for `key`, or `load()`'s, shared by concurrent callers so a miss queries once. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (this.ready) await this.ready;
    if (this.bypass) return load();
    const entry = this.entries.get(key);
    if (entry && entry.generation === this.generation && entry.expiresAt > this.now()) {
      // Re-insert to mark it most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits++;
      return entry.value as T;
    }
    this.misses++;
    const generation = this.generation;
    const flightKey = `${generation}:${key}`;
    const inFlight = this.loading.get(flightKey);
    if (inFlight) return inFlight as Promise<T>;
    const promise = this.fill(key, generation, load).finally(() => this.loading.delete(flightKey));
    this.loading.set(flightKey, promise);
    return promise;
  }

  private async fill<T>(key: string, generation: number, load: () => Promise<T>): Promise<T> {
    const shared = this.options.shared;
    const sharedKey = `${this.prefix}${generation}:${key}`;
    if (shared) {
      const stored = await shared.client.get(sharedKey).catch(() => null);
      if (stored !== null) {
        const value = JSON.parse(stored) as T;
        this.store(key, generation, value);
        return value;
      }
    }
    const value = await load();
    this.store(key, generation, value);
    if (shared) {
      await shared.client.set(sharedKey, JSON.stringify(value), 'PX', this.ttlMs).catch(() => undefined);
    }
    return value;
  }

  private store(key: string, generation: number, value: unknown): void {
    if (generation !== this.generation) return; // invalidated while loading: the answer may already be stale
    this.entries.delete(key);
    this.entries.set(key, { generation, value, expiresAt: this.now() + this.ttlMs });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Forgets every entry, here and (with Redis) in every process. */
  async invalidate(): Promise<void> {
    const shared = this.options.shared;
    if (!shared || this.bypass) {
      this.follow(this.generation + 1);
      return;
    }
    // Stop serving this process's entries at once, whatever Redis does next.
    this.follow(this.generation + 1);
    const generation = await shared.client.incr(`${this.prefix}generation`);
    this.follow(generation);
    await shared.client.publish(`${this.prefix}invalidate`, String(generation));
  }

  get size(): number {
    return this.entries.size;
  }
}
