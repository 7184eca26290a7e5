// The signing secret every test server uses, apart from the harness so a test that only starts a
// server process (a jsdom test, say) need not load the database code.
export const TEST_JWT_SECRET = 'test-jwt-secret-that-is-long-enough-0123456789';
