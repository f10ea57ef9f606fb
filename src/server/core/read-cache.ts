import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { LRUCache } from 'lru-cache';
import { z } from 'zod';
import { type Db, queryRows } from './db.js';

/**
 * The buckets of cached data. Database triggers (migrations 0022 and 0029) bump a bucket's version in the same
 * transaction as any write to a table its answers are built from, so a version names one state of the data.
 * `stock` counts only reservations (every order makes them); catalog answers follow it within `stockLagMs`.
 * `orders` counts every change to any order; each owner of orders also has a version of its own (migration 0034).
 * The versions every order bumps are sums of striped rows, so concurrent commits do not queue on one row (0060).
 */
export type CacheBucket = 'catalog' | 'identity' | 'stock' | 'orders';

type Versions = Record<CacheBucket, string>;

interface Entry {
  version: string;
  /** The `stock` version the entry was computed at, and when (catalog entries). */
  stockVersion: string;
  storedAt: number;
  value: unknown;
  /** The owner's version the entry was computed at (order entries). */
  ownerVersion?: string;
}

/**
 * An in-process cache of answers that are read far more often than their data changes (docs/performance.md):
 * catalog pages and the person behind a session. Every lookup first reads the current versions from the
 * database — one tiny query shared by all requests that arrive while it is outstanding, and always started
 * after the request arrived, so an answer never predates a write committed before the request (another
 * process's or psql's included). An entry is served only while its bucket's version is unchanged and for at
 * most `ttlMs`, which bounds how late time-limited prices and discounts start or end. Catalog entries also
 * show reserved stock: after a reservation they are served for at most `stockLagMs` more, so a burst of
 * orders does not empty the catalog cache (the order itself always checks stock in the database).
 */
export class ReadCache {
  private readonly entries: LRUCache<string, Entry> | null;
  private inFlight: Promise<Versions> | null = null;
  /** Versions read for a request: valid for the rest of it, since they were read after it arrived. */
  private readonly perRequest = new WeakMap<object, Promise<Versions>>();
  private queued: Promise<Versions> | null = null;
  private readonly stockLagMs: number;

  constructor(
    private readonly db: Db,
    options: { maxBytes: number; ttlMs?: number; stockLagMs?: number },
  ) {
    this.stockLagMs = options.stockLagMs ?? 5_000;
    this.entries =
      options.maxBytes > 0
        ? new LRUCache<string, Entry>({
            maxSize: options.maxBytes,
            ttl: options.ttlMs ?? 30_000,
            sizeCalculation: (entry) => sizeOf(entry.value),
          })
        : null;
  }

  get enabled(): boolean {
    return this.entries !== null;
  }

  /**
   * The cached value of `key` in `bucket` if it was computed at the current version, else `load()`'s value,
   * kept under the version read before loading (a write during the load makes the next lookup load again).
   * Lookups made for the same `request` share one version read.
   */
  async remember<T>(bucket: CacheBucket, key: string, load: () => Promise<T>, request?: object): Promise<T> {
    if (!this.entries) return load();
    const versions = await this.versionsFor(request);
    const version = versions[bucket];
    const cacheKey = `${bucket}\u0000${key}`;
    const hit = this.entries.get(cacheKey);
    if (hit && hit.version === version && this.stockFresh(bucket, hit, versions.stock)) return hit.value as T;
    const storedAt = Date.now();
    const value = await load();
    if (value !== undefined) {
      this.entries.set(cacheKey, { version, stockVersion: versions.stock, storedAt, value });
    }
    return value;
  }

  /**
   * Like `remember` for answers built from one owner's orders (a company's, or a person's own). While no order
   * anywhere changed, a hit costs nothing more; after a change elsewhere, one primary-key read of the owner's
   * version tells whether this owner's orders changed, and if not the entry is kept.
   */
  async rememberOwned<T>(owner: string, key: string, load: () => Promise<T>, request?: object): Promise<T> {
    if (!this.entries) return load();
    const version = (await this.versionsFor(request)).orders;
    const cacheKey = `orders\u0000${owner}\u0000${key}`;
    const hit = this.entries.get(cacheKey);
    if (hit && hit.version === version) return hit.value as T;
    // Read after the global version: an owner version equal to the entry's means no write to this owner's
    // orders committed since the entry was computed, up to a moment after `version` was read.
    const ownerVersion = await this.ownerVersion(owner);
    if (hit && hit.ownerVersion === ownerVersion) {
      hit.version = version;
      return hit.value as T;
    }
    const storedAt = Date.now();
    const value = await load();
    if (value !== undefined)
      this.entries.set(cacheKey, { version, ownerVersion, stockVersion: '', storedAt, value });
    return value;
  }

  private async ownerVersion(owner: string): Promise<string> {
    const [row] = await queryRows<{ version: string }>(
      this.db,
      // The owner's version is the sum of its stripes (migration 0060).
      sql`select coalesce(sum(version), 0)::text as version from order_cache_versions where owner = ${owner}`,
    );
    return row?.version ?? '0';
  }

  /** Whether a catalog entry still shows reservations closely enough: same stock version, or young enough. */
  private stockFresh(bucket: CacheBucket, entry: Entry, stockVersion: string): boolean {
    if (bucket !== 'catalog' || entry.stockVersion === stockVersion) return true;
    return Date.now() - entry.storedAt < this.stockLagMs;
  }

  /** Drops every entry (tests, or after a restore). */
  clear(): void {
    this.entries?.clear();
  }

  private versionsFor(request: object | undefined): Promise<Versions> {
    if (!request) return this.versions();
    let versions = this.perRequest.get(request);
    if (!versions) {
      versions = this.versions();
      this.perRequest.set(request, versions);
    }
    return versions;
  }

  /**
   * The current versions: joins a query started after this call — the one in flight if none is queued yet
   * behind it would do, since it may have started before the caller's request arrived.
   */
  private versions(): Promise<Versions> {
    if (!this.inFlight) {
      this.inFlight = this.readVersions().finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    if (!this.queued) {
      this.queued = this.inFlight
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.versions();
        });
    }
    return this.queued;
  }

  private async readVersions(): Promise<Versions> {
    const rows = await queryRows<{ name: CacheBucket; version: string }>(
      this.db,
      // The busy buckets are striped (`orders#3`, migration 0060): a bucket's version is the sum of its rows.
      sql`select split_part(name, '#', 1) as name, sum(version)::text as version from cache_versions group by 1`,
    );
    const versions: Versions = { catalog: '', identity: '', stock: '', orders: '' };
    for (const row of rows) versions[row.name] = row.version;
    return versions;
  }
}

/**
 * Sends a JSON answer through the cache: on a miss `load()`'s value is encoded by the route's response schema
 * (as the route's serializer would) and kept as text, so a hit costs neither queries nor serialization.
 * Catalog answers by default; `ordersOf` names the owner whose orders the answer is built from.
 */
export async function sendCachedJson<T extends z.ZodType>(
  reply: FastifyReply,
  cache: ReadCache,
  key: string,
  schema: T,
  load: () => Promise<z.output<T>>,
  options: { ordersOf?: string } = {},
): Promise<FastifyReply> {
  const encoded = async () => JSON.stringify(z.encode(schema, await load()));
  const body = options.ordersOf
    ? await cache.rememberOwned(options.ordersOf, key, encoded, reply.request)
    : await cache.remember('catalog', key, encoded);
  return reply.type('application/json; charset=utf-8').send(body);
}

/** Approximate bytes an entry holds: strings by length, objects by their JSON. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return 64 + value.length * 2;
  return 64 + (JSON.stringify(value)?.length ?? 0) * 2;
}
