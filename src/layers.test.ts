// The layer fences in eslint.config.js, tried on probe files in each layer: an import that points up a
// layer (or leaves the server for the page) and any import.meta.glob must fail lint, so CI catches them.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = value;\n`, { filePath });
  return result!.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

const importing = (path: string) => `import { value } from '${path}';`;

describe('layer fences', () => {
  it.each([
    ['src/core/probe.ts', '../db/database'],
    ['src/core/parse/probe.ts', '../../ui/messages'],
    ['src/core/probe.ts', 'solid-js'],
    ['src/db/probe.ts', '../sync/status'],
    ['src/sync/probe.ts', '../ui/messages'],
    ['src/sync/probe.ts', '../ai/settings'],
    ['src/ai/probe.ts', '../ui/app-context'],
    ['src/pwa/probe.ts', '../ui/lib/live'],
    ['sw/probe.ts', '../src/ui/messages'],
    ['sw/probe.ts', '../src/sync/outbox.ts'],
    ['sw/probe.ts', '../src/db/tasks-store.ts'],
    ['sync-server/http/probe.ts', '../../src/ai/models'],
    ['api/probe.ts', '../src/db/database'],
  ])('%s may not import %s', async (file, path) => {
    expect(await fenceErrors(file, importing(path))).toHaveLength(1);
  });

  it.each([
    ['src/core/probe.ts', './hlc'],
    ['src/core/parse/probe.ts', '../hlc'],
    ['src/db/probe.ts', '../core/hlc'],
    ['src/sync/probe.ts', '../db/database'],
    ['src/ai/probe.ts', '../core/task'],
    ['src/ui/sync/probe.tsx', '../../sync/status'],
    ['sw/probe.ts', '../src/core/sw-protocol.ts'],
    ['sw/probe.ts', '../src/sync/worker-replay.ts'],
    ['sw/probe.ts', '../src/db/notification-actions.ts'],
    ['sw/probe.ts', '../src/db/reminder-deliveries.ts'],
    ['sync-server/http/probe.ts', '../../src/core/model-hosts'],
  ])('%s may import %s', async (file, path) => {
    expect(await fenceErrors(file, importing(path))).toEqual([]);
  });

  it('rejects import.meta.glob anywhere', async () => {
    const code = "const modules = import.meta.glob('./*.tsx');\nconst value = modules;";
    expect(await fenceErrors('src/ui/probe.tsx', code)).toHaveLength(1);
  });
});
