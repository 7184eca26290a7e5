// The database schema's version (the highest `this.version(n)` in database.ts), for readers that open
// IndexedDB without Dexie before it loads: a database at another version is Dexie's to upgrade first.
export const SCHEMA_VERSION = 12;

/** The version IndexedDB reports for a Dexie schema version (Dexie stores ten times its own). */
export const INDEXED_DB_VERSION = SCHEMA_VERSION * 10;
