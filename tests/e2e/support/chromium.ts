// Debian's Chromium and the flags that keep it quiet on a closed network (see TOOLCHAIN.md).
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

/** H4's ports are 8800-8819: the shared e2e server, then servers a test starts itself. */
export const E2E_PORT = Number(process.env.TEND_E2E_PORT ?? 8801);
export const UPDATE_TEST_PORT = 8803;
