// Debian's Chromium and the flags that keep it quiet on a closed network (see TOOLCHAIN.md): one list
// for Playwright, the benchmarks, Lighthouse and the ops dashboard test.
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
