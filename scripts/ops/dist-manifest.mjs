// A SHA-256 manifest of dist/: the pipeline's build job writes it beside the artifact it tests, and the deploy
// refuses a dist/ that differs from it, so what was tested is what ships.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const MANIFEST = '.dist-manifest.json';

function files(dir, root = dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path, root);
    const name = relative(root, path).split('\\').join('/');
    return name === MANIFEST ? [] : [name];
  });
}

function hashDist(dir) {
  return Object.fromEntries(
    files(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(join(dir, name)))
          .digest('hex'),
      ]),
  );
}

export function writeDistManifest(dir) {
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(hashDist(dir), null, 1)}\n`);
}

/** The names that differ from the manifest (added, removed or changed); empty when dist/ is as tested. */
export function verifyDistManifest(dir) {
  const expected = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  const actual = hashDist(dir);
  const names = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...names].filter((name) => expected[name] !== actual[name]).sort();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir = 'dist'] = process.argv.slice(2);
  if (command === 'write') writeDistManifest(dir);
  else if (command === 'verify') {
    const differ = verifyDistManifest(dir);
    if (differ.length) {
      console.error(`dist/ is not the tested build: ${differ.slice(0, 10).join(', ')}`);
      process.exit(1);
    }
  } else {
    console.error('usage: dist-manifest.mjs write|verify [dir]');
    process.exit(2);
  }
}
