export { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';

/** H4's ports are 8800-8819: the shared e2e server, then servers a test starts itself. */
export const E2E_PORT = Number(process.env.TEND_E2E_PORT ?? 8801);
export const UPDATE_TEST_PORT = 8803;
