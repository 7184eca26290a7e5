// Lighthouse 12.2.3 (mobile defaults: simulated Moto G Power, slow 4G) against the served app.
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import lighthouse from 'lighthouse';

/**
 * Scores `url`. A run whose trace Lighthouse could not read (`runtimeError`, e.g. NO_NAVSTART: every
 * score 0) measures nothing about the page, so it is run again, up to `attempts` times in all; the
 * result says how many runs were lost.
 */
export async function runLighthouse(url, options, attempts = 3) {
  const lost = [];
  for (;;) {
    const result = await runOnce(url, options);
    if (!result.runtimeError || lost.length + 1 >= attempts) return { ...result, lostRuns: lost };
    lost.push(result.runtimeError);
  }
}

async function runOnce(url, { chromePath, chromeFlags }) {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices'],
    });
    const lhr = result.lhr;
    const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const failing = Object.values(lhr.audits)
      .filter(
        (a) =>
          a.score !== null &&
          a.score < 1 &&
          a.scoreDisplayMode !== 'informative' &&
          a.scoreDisplayMode !== 'manual',
      )
      .filter((a) => a.scoreDisplayMode !== 'notApplicable')
      .map((a) => `${a.id}: ${a.displayValue ?? a.score}`);
    return {
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      metrics: {
        fcpMs: Math.round(lhr.audits['first-contentful-paint']?.numericValue ?? 0),
        lcpMs: Math.round(lhr.audits['largest-contentful-paint']?.numericValue ?? 0),
        tbtMs: Math.round(lhr.audits['total-blocking-time']?.numericValue ?? 0),
        cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? 0,
      },
      failingAudits: failing,
      runtimeError: lhr.runtimeError?.code ?? null,
    };
  } finally {
    await chrome.kill();
  }
}

// `node bench/client/lighthouse.mjs http://127.0.0.1:8787/` scores a running server on its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.argv[2] ?? 'http://127.0.0.1:8787/';
  const result = await runLighthouse(url, {
    chromePath: CHROMIUM_PATH,
    chromeFlags: CHROMIUM_ARGS,
  });
  console.log(JSON.stringify(result, null, 2));
}
