export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

/** The e2e ports, 8800-8819 by default: the shared e2e server, then servers a test starts itself. */
export const E2E_PORT = Number(process.env.TEND_E2E_PORT ?? 8801);
export const UPDATE_TEST_PORT = 8803;
