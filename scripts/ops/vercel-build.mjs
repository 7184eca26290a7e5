// Vercel's build command (vercel.json). With TEND_PREBUILT_DIST=1 the deploy workflow has put the pipeline's
// tested dist/ in place: it is verified against its manifest and used as is, never rebuilt from source.
import { spawnSync } from 'node:child_process';
import { buildApi } from './build-api.mjs';
import { verifyDistManifest } from './dist-manifest.mjs';

async function vercelBuild(env = process.env, run = spawnSync) {
  if (env.TEND_PREBUILT_DIST === '1') {
    const differ = verifyDistManifest('dist');
    if (differ.length)
      throw new Error(`dist/ is not the tested build: ${differ.slice(0, 10).join(', ')}`);
  } else {
    const built = run('npm', ['run', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
  return buildApi();
}

if (import.meta.url === `file://${process.argv[1]}`) await vercelBuild();
