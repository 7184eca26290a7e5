// The first module the entry evaluates: it asks for Dexie and the database module before the shell's
// modules run, so their download overlaps that work instead of following it. They are kept out of
// the entry's static imports (a third of the start-up JS): the shell paints without them.
let opening: ReturnType<typeof load> | undefined;

const load = () => import('./db/database').then((m) => m.openTendDb());

/** The page's database, opened once Dexie has loaded. */
export function openDatabase(): ReturnType<typeof load> {
  return (opening ??= load());
}

openDatabase().catch(() => undefined);
