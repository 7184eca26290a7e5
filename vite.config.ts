// Build of the page and its service worker. Test configuration lives in vitest.config.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import solid from 'vite-plugin-solid';
import { VitePWA } from 'vite-plugin-pwa';
import { visualizer } from 'rollup-plugin-visualizer';

const MANIFEST_PATH = fileURLToPath(new URL('./manifest.webmanifest', import.meta.url));

/**
 * The on-device AI code (src/ai, @mlc-ai/web-llm) goes to assets/ai/: the web-llm chunk alone is
 * bigger than Workbox's 2 MiB precache limit, and nobody should download it before opting in.
 * The service worker caches that folder at runtime, in 'tend-ai', once the user has opted in.
 */
const AI_ASSETS_DIR = 'assets/ai';
const isAiModule = (id: string) => id.includes('/src/ai/') || id.includes('@mlc-ai/web-llm');
/** A lazy chunk is AI code when it is a dynamic entry in src/ai or carries web-llm itself. */
const isAiChunk = (chunk: { facadeModuleId: string | null; moduleIds: string[] }) =>
  (chunk.facadeModuleId !== null && isAiModule(chunk.facadeModuleId)) ||
  chunk.moduleIds.some((id) => id.includes('@mlc-ai/web-llm'));
const aiAwareFileName = (chunk: { facadeModuleId: string | null; moduleIds: string[] }) =>
  isAiChunk(chunk) ? `${AI_ASSETS_DIR}/[name]-[hash].js` : 'assets/[name]-[hash].js';

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

export default defineConfig({
  plugins: [
    solid(),
    tendManifest(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,ico,svg,woff2,webmanifest}'],
        globIgnores: [`${AI_ASSETS_DIR}/**`, 'stats.json', '**/*.map'],
      },
      devOptions: { enabled: true, type: 'module', navigateFallback: 'index.html' },
    }),
    visualizer({ filename: 'stats.json', template: 'raw-data', gzipSize: true, emitFile: true }),
    process.env.ANALYZE === 'true' &&
      visualizer({ filename: 'stats.json', template: 'raw-data', gzipSize: true }),
  ],
  build: {
    target: 'es2022',
    rolldownOptions: {
      output: { chunkFileNames: aiAwareFileName },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: { entryFileNames: aiAwareFileName, chunkFileNames: aiAwareFileName },
    },
  },
});
