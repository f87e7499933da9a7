import type { Repos } from '../db/repositories/index.ts';

// What many pages read alike, read once per change (docs/architecture.md, "Listings").
//
// The council overview, the exceptions, the actions list and the plans' scorecards each start from
// the same thing: every action of a plan year with its plan, unit and links. At the size of a large
// county that read was most of each page's time. This cache keeps such listings per council while
// its data version (migration 017) stands. Every audited write raises that version once, when it
// commits, and every change to a council's data is audited; so a listing is read again after any
// change, including one made by another process (the CLI, a second server). Each use costs one
// small query for the version.
//
// What it holds is the same for every reader: what a reader may see (restricted items) is decided
// after, on each call. Values are frozen, because every request shares them.

/** How many listings each council keeps (a plan year's actions is one), the least recently used dropped first. */
const KEPT_PER_COUNCIL = 8;
/** How many councils are kept, for a server hosting many. */
const KEPT_COUNCILS = 16;

interface Council {
  version: number;
  listings: Map<string, unknown>;
}

export class ListingCache {
  private readonly councils = new Map<number, Council>();
  /** Listings served from the cache, and read from the database. */
  readonly stats = { hits: 0, loads: 0 };

  /**
   * The listing `key` of the council, from the cache while the council's data is unchanged,
   * otherwise read by `load` (deep-frozen and kept).
   */
  async get<T>(r: Repos, tenantId: number, key: string, load: () => Promise<T>): Promise<T> {
    // The version is read before the listing: a write committed in between leaves a listing newer
    // than its version, which is read again next time — never an older one kept as current.
    const version = await r.tenants.dataVersion(tenantId);
    let council = this.councils.get(tenantId);
    if (council) this.councils.delete(tenantId);
    if (!council || council.version !== version) council = { version, listings: new Map() };
    this.councils.set(tenantId, council);
    while (this.councils.size > KEPT_COUNCILS) this.councils.delete(this.councils.keys().next().value!);

    if (council.listings.has(key)) {
      const value = council.listings.get(key) as T;
      council.listings.delete(key);
      council.listings.set(key, value);
      this.stats.hits += 1;
      return value;
    }
    const value = deepFreeze(await load());
    this.stats.loads += 1;
    // A newer version seen meanwhile by another call has replaced this council's entry: keep nothing.
    if (this.councils.get(tenantId) === council) {
      council.listings.set(key, value);
      while (council.listings.size > KEPT_PER_COUNCIL) council.listings.delete(council.listings.keys().next().value!);
    }
    return value;
  }
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}
