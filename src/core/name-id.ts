// Ids from names, and the records legacy names become: shared by the kinds of record that older clients
// referred to by name (projects, labels). Zod-free, so the page's first paint and its database upgrades
// can use them without loading validation.
import { formatHlc } from './hlc';

/** Two names are one record's when they differ only in case or surrounding space. */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The live record named `name` (ignoring case and surrounding space) among `records`, if any: the oldest
 * when two devices made one each.
 */
export function findLiveByName<
  R extends { name?: string; deletedAt?: string | null; createdAt: string },
>(records: readonly R[], name: string): R | undefined {
  const key = nameKey(name);
  return records
    .filter((r) => !r.deletedAt && r.name !== undefined && nameKey(r.name) === key)
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0))[0];
}

/** 32-bit FNV-1a over the UTF-16 code units, from a given offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

const BASES = [0x811c9dc5, 0x050c5d1f, 0x2b5e8a33, 0x6d2b79f5];

/**
 * A UUIDv8 hashed from `kind` and the name's key: two devices that turn the same name into a record
 * offline make the same record, so the merge joins them instead of leaving two "Work"s.
 */
export function idForName(kind: string, name: string): string {
  const key = `${kind}:${nameKey(name)}`;
  const hex = BASES.map((b) => fnv1a(key, b).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The node id of the writes that turn legacy names into records: no device's, the same on all. */
export const LEGACY_NODE = '0000000000000000';

/** A write that makes a record from a legacy name, in the merge's envelope. */
interface LegacyWrite<K extends string, C> {
  id: string;
  taskId: string;
  hlc: string;
  changes: C;
  kind: K;
}

/**
 * The writes that make a record of `kind` for each legacy name in `uses` (a name and the creation time
 * of the task that carries it) which `known` does not have yet. Every device computes the same record
 * for the same name: the id hashed from the name, stamped at the earliest use's time under LEGACY_NODE,
 * so replicas that migrate alike write alike, and a later rename (stamped now) wins over them
 * everywhere. The mutation id names the stamp, so two devices that saw different earliest uses still
 * send two writes the server merges, never one it drops as a replay.
 */
export function legacyNameWrites<K extends string, C>(
  kind: K,
  uses: Iterable<{ name: string; createdAt: string }>,
  known: (id: string) => boolean,
  changesFor: (name: string) => C,
): LegacyWrite<K, C>[] {
  const earliest = new Map<string, { name: string; createdAt: string }>();
  for (const use of uses) {
    const id = idForName(kind, use.name);
    if (known(id)) continue;
    const seen = earliest.get(id);
    if (
      !seen ||
      use.createdAt < seen.createdAt ||
      (use.createdAt === seen.createdAt && use.name < seen.name)
    )
      earliest.set(id, use);
  }
  return [...earliest]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, { name, createdAt }]) => {
      const millis = Math.max(0, Date.parse(createdAt) || 0);
      const hlc = formatHlc({ millis, counter: 0, node: LEGACY_NODE });
      // Legacy names were validated as task fields, by the same rules as a record's name: no parse.
      return { id: `legacy-${id}-${hlc}`, taskId: id, hlc, changes: changesFor(name.trim()), kind };
    });
}

/** What `applyMutation(undefined, write)` makes of a legacy write (tests hold the two equal). */
export function legacyWriteRecord<C extends object>(write: {
  taskId: string;
  hlc: string;
  changes: C;
}): C & { id: string; createdAt: string; updatedAt: string; clock: Record<string, string> } {
  const at = write.hlc.slice(0, 24);
  const clock = Object.fromEntries(Object.keys(write.changes).map((f) => [f, write.hlc]));
  return { ...write.changes, id: write.taskId, createdAt: at, updatedAt: at, clock };
}
