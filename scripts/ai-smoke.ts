// npm run ai:smoke -- for a machine with a WebGPU-capable GPU and the model weights (public hosts, or
// LLM_MODEL_PATH). Launches Chromium with WebGPU enabled on a small page built from src/ai (the same
// worker, bridge, prompt and validation as the app), loads the configured model, parses 30 fixed
// phrases and prints inference times and agreement with the expected fields as JSON.
// Not part of npm test: no machine in CI has a GPU. Exit codes: 0 ran, 1 no WebGPU, 2 model failed.
//   Options: --model <WebLLM model id>  --port <n> (default 8861)  --skip-probe  CHROME_PATH=...
import { createReadStream, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { extname, join, relative, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const WORK = join(ROOT, 'node_modules', '.cache', 'tend-ai-smoke');
const REFERENCE_NOW = '2026-11-26T09:00'; // a Thursday
/** src/ai as the generated page (in WORK/src) imports it. */
const AI = relative(join(WORK, 'src'), join(ROOT, 'src', 'ai'));

type Expected = Partial<{
  title: string;
  due: string | null;
  priority: number;
  project: string | null;
  labels: string[];
  recurrence: string | null;
}>;

/** Reference 2026-11-26 09:00, Thursday. Only the fields a person would agree on are checked. */
const PHRASES: [string, Expected][] = [
  [
    "remind me to ring the dentist the day after tomorrow, it's urgent",
    { due: '2026-11-28', priority: 1 },
  ],
  ['buy milk tomorrow', { title: 'buy milk', due: '2026-11-27' }],
  ['call mum on sunday', { title: 'call mum', due: '2026-11-29' }],
  ['submit the expense report friday at 5pm #Work', { due: '2026-11-27T17:00', project: 'Work' }],
  ['water the plants every monday', { recurrence: 'FREQ=WEEKLY;BYDAY=MO' }],
  ['pay rent on the 1st of every month', { recurrence: 'FREQ=MONTHLY;BYMONTHDAY=1' }],
  ['Read 1984', { title: 'Read 1984', due: null }],
  ['Watch Apollo 13', { title: 'Watch Apollo 13', due: null }],
  ['Ask May about the report', { due: null }],
  ['Schedule 1:1 with Priya', { due: null }],
  ['renew passport in 3 weeks', { due: '2026-12-17' }],
  ['team standup every weekday at 9:30', { recurrence: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR' }],
  ['send the invoice to Acme asap @finance', { priority: 1, labels: ['finance'] }],
  ['pick up the dry cleaning at noon', { due: '2026-11-26T12:00' }],
  ['dinner with Sam on december 12 at 7pm', { due: '2026-12-12T19:00' }],
  ['take out the bins every tuesday and thursday', { recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH' }],
  ['file taxes by april 15', { due: '2027-04-15' }],
  ['clean the gutters on saturday', { due: '2026-11-28' }],
  ['call the bank in 2 hours', { due: '2026-11-26T11:00' }],
  ['review the pull request today p2', { due: '2026-11-26', priority: 2 }],
  ['gym every other day', { recurrence: 'FREQ=DAILY;INTERVAL=2' }],
  ['book the car service for the 3rd of january', { due: '2027-01-03' }],
  ['water the ferns every 2 weeks', { recurrence: 'FREQ=WEEKLY;INTERVAL=2' }],
  [
    'order a birthday cake for Ana #Family @shopping',
    { due: null, project: 'Family', labels: ['shopping'] },
  ],
  [
    'back up the laptop every year on march 1',
    { recurrence: 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1' },
  ],
  ['phone the plumber tomorrow morning at 8', { due: '2026-11-27T08:00' }],
  ['prepare the slides by monday', { due: '2026-11-30' }],
  ['The 5th Wave', { title: 'The 5th Wave', due: null }],
  ['check money transfer', { due: null }],
  ['renew the domain on 2027-02-14', { due: '2027-02-14' }],
];

const WEBGPU_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan,WebGPU',
  '--use-angle=vulkan',
  '--ignore-gpu-blocklist',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tend AI smoke</title>
<link rel="icon" href="data:,">
<script type="module" src="./smoke.ts"></script></head><body><p>Tend AI smoke</p></body></html>`;

// The page side: the app's own modules, exposed to the script as window.tendSmoke.
const SMOKE = `
import { createAiBridge } from '${AI}/bridge.ts';
import { detectCapability, readAiEnv } from '${AI}/capability.ts';
import { ANSWER_JSON_SCHEMA, validateAnswer } from '${AI}/schema.ts';
const bridge = createAiBridge({
  createWorker: () => new Worker(new URL('${AI}/worker.ts', import.meta.url), { type: 'module' }),
  timeoutMs: 120000,
  idleMs: 3600000,
});
window.tendSmoke = {
  async capability() { return detectCapability(navigator.gpu, readAiEnv(import.meta.env)); },
  async load(modelId) {
    const started = performance.now();
    let last = '';
    await bridge.load(modelId, { onProgress: (r) => { last = r.text; } });
    return { ms: performance.now() - started, last };
  },
  async parse(text, referenceNow) {
    const started = performance.now();
    const raw = await bridge.parse(text, referenceNow, ANSWER_JSON_SCHEMA);
    const ms = performance.now() - started;
    return { ms, raw, checked: validateAnswer(raw, text, referenceNow) };
  },
};
`;

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

function serve(dir: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
    if (!file.startsWith(dir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

async function buildPage(): Promise<string> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'src'), { recursive: true });
  writeFileSync(join(WORK, 'src', 'index.html'), PAGE);
  writeFileSync(join(WORK, 'src', 'smoke.ts'), SMOKE);
  // Vite passes VITE_* from the environment through to import.meta.env, worker included.
  if (process.env.LLM_MODEL_PATH) process.env.VITE_LLM_MODEL_PATH ??= process.env.LLM_MODEL_PATH;
  if (process.env.LLM_WORKER_MEMORY)
    process.env.VITE_LLM_WORKER_MEMORY ??= process.env.LLM_WORKER_MEMORY;
  const { build } = await import('vite');
  const outDir = join(WORK, 'dist');
  await build({
    root: join(WORK, 'src'),
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
    worker: { format: 'es' },
  });
  return outDir;
}

const normaliseRrule = (r: unknown) => (typeof r === 'string' ? r.split(';').sort().join(';') : r);

function agrees(field: keyof Expected, expected: unknown, actual: unknown): boolean {
  if (field === 'title') return String(actual).toLowerCase() === String(expected).toLowerCase();
  if (field === 'recurrence') return normaliseRrule(actual) === normaliseRrule(expected);
  return JSON.stringify(actual) === JSON.stringify(expected);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function main(): Promise<number> {
  const port = Number(argument('port') ?? 8861);
  const blank = join(WORK, 'probe');
  mkdirSync(blank, { recursive: true });
  writeFileSync(
    join(blank, 'index.html'),
    '<!doctype html><title>probe</title><link rel="icon" href="data:,">',
  );
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: WEBGPU_ARGS,
  });
  let server = await serve(blank, port);
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') process.stderr.write(`[page] ${m.text()}\n`);
    });
    // Probe first (needs a secure context: http://127.0.0.1 is one), so a machine without a GPU
    // fails in seconds instead of after a build.
    await page.goto(`http://127.0.0.1:${port}/`);
    const probe = await page.evaluate(async () => {
      type Adapter = { info?: { isFallbackAdapter?: boolean; architecture?: string } };
      const nav = (
        globalThis as unknown as {
          navigator: { gpu?: { requestAdapter(): Promise<Adapter | null> } };
        }
      ).navigator;
      if (!nav.gpu) return 'no navigator.gpu';
      const adapter = await nav.gpu.requestAdapter();
      if (!adapter) return 'no adapter';
      if (adapter.info?.isFallbackAdapter) {
        return `only a software fallback adapter: ${adapter.info.architecture ?? 'unknown'}`;
      }
      return 'ok';
    });
    // --skip-probe goes on to build and open the smoke page anyway (to check the page itself).
    if (probe !== 'ok' && !process.argv.includes('--skip-probe')) {
      process.stderr.write(
        `ai:smoke: no WebGPU adapter in Chromium (${probe}). Run it on a machine with a GPU and ` +
          'working Vulkan drivers; CHROME_PATH selects the browser.\n',
      );
      return 1;
    }
    server.close();
    server = await serve(await buildPage(), port);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'tendSmoke' in globalThis);

    type Smoke = {
      capability(): Promise<{
        available: boolean;
        detail?: string;
        model?: { record: { model_id: string } };
      }>;
      load(id: string): Promise<{ ms: number; last: string }>;
      parse(
        text: string,
        now: string,
      ): Promise<{
        ms: number;
        raw: string;
        checked: { ok: boolean; answer?: Record<string, unknown>; reason?: string };
      }>;
    };
    const capability = await page.evaluate(() =>
      (globalThis as unknown as { tendSmoke: Smoke }).tendSmoke.capability(),
    );
    const modelId = argument('model') ?? capability.model?.record.model_id;
    if (!modelId) {
      process.stderr.write(`ai:smoke: on-device AI unavailable: ${capability.detail}\n`);
      return 1;
    }
    process.stderr.write(`ai:smoke: loading ${modelId} (first run downloads the weights)...\n`);
    let load: { ms: number; last: string };
    try {
      load = await page.evaluate(
        (id) => (globalThis as unknown as { tendSmoke: Smoke }).tendSmoke.load(id),
        modelId,
      );
    } catch (error) {
      process.stderr.write(`ai:smoke: the model did not load: ${String(error)}\n`);
      return 2;
    }

    const times: number[] = [];
    const fieldHits: Record<string, [number, number]> = {};
    let whole = 0;
    let invalid = 0;
    const rows = [];
    for (const [text, expected] of PHRASES) {
      const result = await page.evaluate(
        ([t, now]) => (globalThis as unknown as { tendSmoke: Smoke }).tendSmoke.parse(t, now),
        [text, REFERENCE_NOW] as const,
      );
      times.push(result.ms);
      const answer = result.checked.ok ? (result.checked.answer ?? {}) : {};
      if (!result.checked.ok) invalid += 1;
      let all = true;
      for (const [field, value] of Object.entries(expected)) {
        const ok = result.checked.ok && agrees(field as keyof Expected, value, answer[field]);
        const hit = (fieldHits[field] ??= [0, 0]);
        hit[0] += ok ? 1 : 0;
        hit[1] += 1;
        all &&= ok;
      }
      whole += all ? 1 : 0;
      rows.push({
        text,
        ms: Math.round(result.ms),
        agrees: all,
        answer: result.checked.ok ? answer : result.checked.reason,
      });
      process.stderr.write(`${all ? 'ok  ' : 'MISS'} ${Math.round(result.ms)} ms  ${text}\n`);
    }
    const summary = {
      model: modelId,
      loadMs: Math.round(load.ms),
      phrases: PHRASES.length,
      inferenceMs: {
        p50: Math.round(percentile(times, 50)),
        p95: Math.round(percentile(times, 95)),
        mean: Math.round(times.reduce((a, b) => a + b, 0) / times.length),
      },
      invalidAnswers: invalid,
      wholePhraseAgreement: whole / PHRASES.length,
      fieldAgreement: Object.fromEntries(
        Object.entries(fieldHits).map(([f, [hit, n]]) => [f, hit / n]),
      ),
      rows,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  } finally {
    server.close();
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ai:smoke failed: ${String(error)}\n`);
    process.exit(2);
  },
);
