export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

/** The e2e ports, 8800-8819 by default: the shared e2e server, then servers a test starts itself. */
export const E2E_PORT = Number(process.env.TEND_E2E_PORT ?? 8801);
export const UPDATE_TEST_PORT = 8803;
/** Two more server instances for the live sync spec: the e2e port + 4 and + 5 by default. */
export const LIVE_INSTANCE_PORTS = (
  process.env.TEND_E2E_INSTANCE_PORTS ?? `${E2E_PORT + 4},${E2E_PORT + 5}`
)
  .split(',')
  .map(Number);
