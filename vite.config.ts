// Build of the page and its service worker. Test configuration lives in vitest.config.ts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { visualizer } from 'rollup-plugin-visualizer';
import { latestRelease } from './scripts/changelog.mjs';

const MANIFEST_PATH = fileURLToPath(new URL('./manifest.webmanifest', import.meta.url));

/**
 * The model code (the src/ai worker, @mlc-ai/web-llm) goes to assets/ai/: the web-llm chunk alone is
 * bigger than Workbox's 2 MiB precache limit, and nobody should download it before opting in.
 * The service worker caches that folder at runtime, in 'tend-ai', once the user has opted in.
 */
const AI_ASSETS_DIR = 'assets/ai';
type ChunkInfo = { facadeModuleId: string | null; moduleIds: string[] };
const hasWebLlm = (chunk: ChunkInfo) =>
  chunk.moduleIds.some((id) => id.includes('@mlc-ai/web-llm'));
const aiFileName = `${AI_ASSETS_DIR}/[name]-[hash].js`;
const assetFileName = 'assets/[name]-[hash].js';
/** Page chunks: only those carrying web-llm; AI settings and badges stay precached for offline. */
const pageChunkFileName = (chunk: ChunkInfo) => (hasWebLlm(chunk) ? aiFileName : assetFileName);
/** Worker bundles: the model worker (started from src/ai) and anything carrying web-llm. */
const workerFileName = (chunk: ChunkInfo) =>
  hasWebLlm(chunk) || chunk.facadeModuleId?.includes('/src/ai/') ? aiFileName : assetFileName;

type ModuleGraph = { getModuleInfo(id: string): { importedIds: readonly string[] } | null };
const ENTRY = fileURLToPath(new URL('./src/main.tsx', import.meta.url));
/** The modules the entry imports statically, through any chain of static imports. */
function loadedByEntry(graph: ModuleGraph): Set<string> {
  const found = new Set<string>();
  const queue = [...(graph.getModuleInfo(ENTRY)?.importedIds ?? [])];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...(graph.getModuleInfo(id)?.importedIds ?? []));
  }
  return found;
}
/**
 * Every module the entry imports statically goes into one chunk beside it. Left to itself, the bundler
 * splits those that lazy chunks share into eight small chunks, and each is one more request the service
 * worker answers before the first paint.
 */
function startChunkName(id: string, graph: ModuleGraph): string | null {
  return !id.endsWith('.css') && loadedByEntry(graph).has(id) ? 'start' : null;
}

/**
 * Publishes the newest docs/CHANGELOG.md entry as whats-new.json. It stays out of the precache: a page still
 * run by the old service worker fetches it from the network and so reads the new version's line.
 */
function tendWhatsNew(): Plugin {
  return {
    name: 'tend:whats-new',
    generateBundle() {
      const release = latestRelease(readFileSync('docs/CHANGELOG.md', 'utf8'));
      if (!release) this.error('docs/CHANGELOG.md has no release with a summary line');
      this.emitFile({ type: 'asset', fileName: 'whats-new.json', source: JSON.stringify(release) });
    },
  };
}

/**
 * Ships the hand-written manifest.webmanifest (the project root holds it, vite-plugin-pwa's
 * generated manifest is off) and links it from index.html when the page does not already.
 */
function tendManifest(): Plugin {
  const read = () => readFileSync(MANIFEST_PATH, 'utf8');
  return {
    name: 'tend:manifest',
    configureServer(server) {
      server.middlewares.use('/manifest.webmanifest', (_req, res) => {
        res.setHeader('Content-Type', 'application/manifest+json');
        res.end(read());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'manifest.webmanifest', source: read() });
    },
    transformIndexHtml: {
      // Before Vite's asset pass: the manifest must keep its stable URL (not be hashed into
      // assets/), because browsers key an installed app's identity and updates on it.
      order: 'pre',
      handler(html) {
        const link = /<link\b[^>]*\brel="manifest"[^>]*>/;
        if (link.test(html)) {
          return html.replace(link, (tag) =>
            tag.includes('vite-ignore') ? tag : tag.replace('<link', '<link vite-ignore'),
          );
        }
        return {
          html,
          tags: [
            {
              tag: 'link',
              attrs: { rel: 'manifest', href: '/manifest.webmanifest' },
              injectTo: 'head',
            },
          ],
        };
      },
    },
  };
}

const COMPRESSIBLE = /\.(?:js|css|html|webmanifest|svg)$/;

/**
 * Writes file.br and file.gz beside every text asset, so the server can answer Accept-Encoding
 * without compressing per request (Lighthouse counts uncompressed JS against performance).
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'tend:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const [fileName, output] of Object.entries(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const source = output.type === 'chunk' ? output.code : output.source;
        const body = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        const path = join(outDir, fileName);
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [
    solid(),
    tendManifest(),
    tendWhatsNew(),
    precompress(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,ico,svg,woff2,webmanifest}'],
        globIgnores: [`${AI_ASSETS_DIR}/**`, 'stats.json', '**/*.map', 'whats-new.json'],
      },
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
    }),
    // Beside dist/, never inside it: the bundle map is for the build's own checks, not for the public.
    visualizer({ filename: 'stats.json', template: 'raw-data', gzipSize: true }),
  ],
  build: {
    target: 'es2022',
    // Every es2022 browser supports <link rel="modulepreload">: no polyfill in the entry chunk.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        chunkFileNames: pageChunkFileName,
        codeSplitting: { groups: [{ name: startChunkName, priority: 10 }] },
      },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: { entryFileNames: workerFileName, chunkFileNames: workerFileName },
    },
  },
});
