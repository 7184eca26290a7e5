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
const isWebLlmModule = (id: string) => id.includes('@mlc-ai/web-llm');

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
    transformIndexHtml(html) {
      if (html.includes('rel="manifest"')) return html;
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
      output: {
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some(isWebLlmModule)
            ? `${AI_ASSETS_DIR}/[name]-[hash].js`
            : 'assets/[name]-[hash].js',
      },
    },
  },
  worker: {
    format: 'es',
    rolldownOptions: {
      output: {
        entryFileNames: (chunk) =>
          chunk.moduleIds.some(isAiModule)
            ? `${AI_ASSETS_DIR}/[name]-[hash].js`
            : 'assets/[name]-[hash].js',
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some(isAiModule)
            ? `${AI_ASSETS_DIR}/[name]-[hash].js`
            : 'assets/[name]-[hash].js',
      },
    },
  },
});
