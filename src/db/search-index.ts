// An in-memory inverted index of the words of every open and completed task (title, notes, labels),
// built after the first paint in slices and kept current by the database's write middleware (this
// tab) and the task-write channel (other tabs), so a search at 100,000 tasks reads only the rows it
// shows instead of every task stored.
//
// Search matches substrings ("ant" finds "plant"), so a term is looked up in the vocabulary (one entry
// per distinct word, far fewer than the words stored; vocabulary.ts) for words containing each of its
// tokens; the tasks found are a superset of the matches, and the caller checks the rows it reads.
// Until the build completes, searches answer from the stored word index by prefix (queries.ts).
import { searchTokens, taskWords } from '../core/search-words';
import { onTaskWrites } from './database';
import type { TaskWordIndex, TaskWrite, TaskWriteMessage, TendDb, WordHits } from './database';
import type { StoredTask } from './task-index';
import { Vocabulary } from './vocabulary';

function wordsOf(task: StoredTask): readonly string[] {
  // Rows written since schema version 12 carry their words; a row read mid-upgrade may not.
  return Array.isArray(task.words) ? task.words : taskWords(task);
}

const searchable = (task: StoredTask) => task.status === 'open' || task.status === 'done';

export type SearchHit = WordHits['hits'][number];

export class SearchIndex implements TaskWordIndex {
  /** Task number -> id; a task rewritten gets a new number and its old one goes dead. */
  private ids: string[] = [];
  private orders: number[] = [];
  private alive: boolean[] = [];
  private numbers = new Map<string, number>();
  private vocabulary = new Vocabulary();
  /** Task numbers by word number (the vocabulary's). */
  private postings: number[][] = [];
  private dead = 0;
  private done = false;
  /** Someone waits for the build (a search the stored index could not answer): no more pauses. */
  wanted = false;
  private finished!: () => void;
  private finishing = new Promise<void>((resolve) => (this.finished = resolve));

  /** True once every stored task has been read: only then can the index answer a search. */
  get ready(): boolean {
    return this.done;
  }

  markComplete(): void {
    this.done = true;
    this.finished();
  }

  /** The build failed: a search waiting for it goes on (the index stays not ready). */
  abandon(): void {
    this.finished();
  }

  /** Resolves once the build has completed or failed; check `ready` after. */
  complete(): Promise<void> {
    this.wanted = true;
    this.onWanted();
    return this.finishing;
  }

  private onWanted!: () => void;
  private wantedSignal = new Promise<void>((resolve) => (this.onWanted = resolve));

  /**
   * Resolves once a search waits for the build. That search is itself a read the user waits for, so
   * a build held back until reads are quiet would wait for it forever.
   */
  whenWanted(): Promise<void> {
    return this.wantedSignal;
  }

  /** Forgets everything (after a bulk delete); the caller rebuilds. */
  reset(): void {
    this.ids = [];
    this.orders = [];
    this.alive = [];
    this.numbers = new Map();
    this.vocabulary = new Vocabulary();
    this.postings = [];
    this.dead = 0;
    this.done = false;
    this.wanted = false;
    this.finishing = new Promise<void>((resolve) => (this.finished = resolve));
    this.wantedSignal = new Promise<void>((resolve) => (this.onWanted = resolve));
  }

  /** Adds or replaces tasks as written. `onlyNew` (the build) keeps what a later write already put. */
  put(tasks: readonly StoredTask[], onlyNew = false): void {
    for (const task of tasks) {
      if (onlyNew && this.numbers.has(task.id)) continue;
      this.drop(task.id);
      if (!searchable(task)) continue;
      const n = this.ids.length;
      this.ids.push(task.id);
      this.orders.push(task.order ?? 0);
      this.alive.push(true);
      this.numbers.set(task.id, n);
      for (const word of wordsOf(task)) {
        const w = this.vocabulary.add(word);
        if (w < this.postings.length) this.postings[w].push(n);
        else this.postings.push([n]);
      }
    }
    // Rewritten tasks leave dead numbers behind; compact once they outnumber the live ones.
    if (this.dead > 1000 && this.dead > this.numbers.size) this.compact();
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.drop(id);
  }

  private drop(id: string): void {
    const n = this.numbers.get(id);
    if (n === undefined) return;
    this.alive[n] = false;
    this.numbers.delete(id);
    this.dead += 1;
  }

  private compact(): void {
    const renumber = new Map<number, number>();
    const ids: string[] = [];
    const orders: number[] = [];
    this.ids.forEach((id, n) => {
      if (!this.alive[n]) return;
      renumber.set(n, ids.length);
      ids.push(id);
      orders.push(this.orders[n]);
    });
    // Words no live task has any more leave the vocabulary here.
    const vocabulary = new Vocabulary();
    const postings: number[][] = [];
    this.postings.forEach((list, w) => {
      const kept = list.flatMap((n) => {
        const m = renumber.get(n);
        return m === undefined ? [] : [m];
      });
      if (kept.length === 0) return;
      vocabulary.add(this.vocabulary.wordAt(w));
      postings.push(kept);
    });
    this.ids = ids;
    this.orders = orders;
    this.alive = ids.map(() => true);
    this.numbers = new Map(ids.map((id, n) => [id, n]));
    this.vocabulary = vocabulary;
    this.postings = postings;
    this.dead = 0;
  }

  /**
   * Tasks containing every search word: each of a word's tokens inside one of the task's words.
   * Single words of letters and digits are exact; others ("e-mail") give a superset to check.
   */
  lookup(words: readonly string[]): WordHits | null {
    const hits = this.lookupTokens(words.flatMap(searchTokens));
    if (hits === null) return null;
    const exact = words.every((w) => {
      const tokens = searchTokens(w);
      return tokens.length === 1 && tokens[0] === w.toLowerCase();
    });
    return { hits, exact };
  }

  /** Tasks whose words contain every token, in manual order; null when not complete or no tokens. */
  lookupTokens(tokens: readonly string[]): SearchHit[] | null {
    if (!this.done || tokens.length === 0) return null;
    const unique = [...new Set(tokens)];
    const hits = new Uint16Array(this.ids.length);
    for (const [round, token] of unique.entries()) {
      this.vocabulary.containing(token, (w) => {
        for (const n of this.postings[w]) if (hits[n] === round) hits[n] = round + 1;
      });
    }
    const found: SearchHit[] = [];
    for (let n = 0; n < hits.length; n++) {
      if (hits[n] === unique.length && this.alive[n])
        found.push({ id: this.ids[n], order: this.orders[n] });
    }
    return found.sort((a, b) => a.order - b.order);
  }
}

const indexes = new WeakMap<TendDb, SearchIndex>();

/** The database's search index (empty and not ready until `buildSearchIndex` has run). */
export function searchIndexOf(db: TendDb): SearchIndex {
  let index = indexes.get(db);
  if (!index) indexes.set(db, (index = new SearchIndex()));
  db.searchIndex = index;
  return index;
}

export interface BuildOptions {
  /** Rows read per slice. */
  slice?: number;
  /** Waits between slices so input and paints run (an idle callback in the page). */
  pause?: () => Promise<void>;
}

const building = new WeakMap<TendDb, Promise<void>>();

/** Rows per read once a search waits for the build. */
const WANTED_SLICE = 2000;

const told = (db: TendDb) => db.searchIndexChanges.forEach((listener) => listener());

/**
 * Reads every task once, a slice at a time in id order, then marks the index ready. Slices wait while
 * a view reads its rows (the user is waiting for those) unless a search waits for the build. Writes
 * through this handle keep it current from the start of the build, other tabs' writes arrive on the
 * task-write channel; a cleared range (wipe, archive) rebuilds it.
 */
export function buildSearchIndex(db: TendDb, options: BuildOptions = {}): Promise<void> {
  const running = building.get(db);
  if (running) return running;
  const index = searchIndexOf(db);
  const rebuild = () => {
    stop();
    index.reset();
    building.delete(db);
    void buildSearchIndex(db, options);
  };
  const stopWrites = onTaskWrites(db, (change: TaskWrite) => {
    if (change.kind === 'put') index.put(change.tasks);
    else if (change.kind === 'delete') index.remove(change.ids);
    else rebuild();
  });
  const channel = db.taskWriteChannel();
  const fromOtherTab = (event: { data: TaskWriteMessage }) => {
    const change = event.data;
    if (change.kind === 'cleared') return rebuild();
    if (change.kind === 'delete') {
      index.remove(change.ids);
      return told(db);
    }
    db.tasks.bulkGet(change.ids).then(
      (rows) => {
        index.remove(change.ids.filter((_, i) => !rows[i]));
        index.put(rows.filter((row): row is StoredTask => row !== undefined));
        told(db);
      },
      // Without those rows the index would miss tasks: searches read the rows themselves again.
      giveUp,
    );
  };
  channel?.addEventListener('message', fromOtherTab);
  const stop = () => {
    stopWrites();
    channel?.removeEventListener('message', fromOtherTab);
  };
  /** The index cannot be trusted any more: searches read the rows themselves, as before a build. */
  function giveUp(): void {
    stop();
    building.delete(db);
    if (indexes.get(db) === index) indexes.delete(db);
    if (db.searchIndex === index) db.searchIndex = undefined;
    index.abandon();
    told(db);
  }
  const run = (async () => {
    const { slice = 2000, pause = () => new Promise<void>((r) => setTimeout(r, 0)) } = options;
    let after: string | null = null;
    for (;;) {
      // A waiting search wants the whole index soon: fewer, larger reads.
      const size = index.wanted ? Math.max(slice, WANTED_SLICE) : slice;
      const rows: StoredTask[] = await (after === null
        ? db.tasks.orderBy(':id').limit(size).toArray()
        : db.tasks.where(':id').above(after).limit(size).toArray());
      index.put(rows, true);
      if (rows.length < size) break;
      after = rows[rows.length - 1].id;
      if (!index.wanted) {
        await Promise.race([db.whenQuiet(), index.whenWanted()]);
        if (!index.wanted) await pause();
      }
    }
    index.markComplete();
    told(db);
  })();
  building.set(db, run);
  run.catch(giveUp);
  return run;
}
