// What a signed-in person can do with their account, through supabase-js (password, email, recovery,
// confirmation) and the sync server's account API (delete, download). Results are codes; the UI words them.
import type { AuthError } from '@supabase/supabase-js';
import { errorBodySchema } from '../core/sync/protocol';
import type { TendDb } from '../db/database';
import { wipeLocalTasks } from '../db/wipe';
import type { TendAuth } from './auth';
import { authFailureOf } from './auth';

export type AccountResult = { ok: true } | { ok: false; code: string };

interface AccountExport {
  blob: Blob;
  filename: string;
}

export interface AccountActions {
  changePassword(password: string): Promise<AccountResult>;
  /** Mails a confirmation link to the new address; the address changes when it is opened. */
  changeEmail(email: string): Promise<AccountResult>;
  sendPasswordReset(email: string): Promise<AccountResult>;
  resendConfirmation(email: string): Promise<AccountResult>;
  /** Deletes the account on the server, signs out here, and keeps or wipes this device's copy. */
  deleteAccount(password: string, options: { keepLocalCopy: boolean }): Promise<AccountResult>;
  downloadData(): Promise<({ ok: true } & AccountExport) | { ok: false; code: string }>;
}

interface AccountOptions {
  auth: TendAuth;
  db: TendDb;
  /** Origin of the sync server's API. */
  baseUrl: string;
  fetch?: typeof fetch;
}

async function viaSupabase(
  call: () => Promise<{ error: AuthError | null }>,
): Promise<AccountResult> {
  try {
    const { error } = await call();
    return error ? { ok: false, code: authFailureOf(error).code } : { ok: true };
  } catch (error) {
    return { ok: false, code: authFailureOf(error as Error).code };
  }
}

async function errorCode(response: Response): Promise<string> {
  const body = errorBodySchema.safeParse(await response.json().catch(() => null));
  if (body.success) return body.data.error.code;
  return response.status === 401 ? 'unauthorized' : 'server_error';
}

export function createAccountActions(options: AccountOptions): AccountActions {
  const { auth, db } = options;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));

  async function callApi(method: 'GET' | 'DELETE', path: string, body?: unknown) {
    const token = await auth.getAccessToken();
    if (!token) return { ok: false as const, code: 'unauthorized' };
    try {
      const response = await doFetch(new URL(path, options.baseUrl).toString(), {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) return { ok: false as const, code: await errorCode(response) };
      return { ok: true as const, response };
    } catch {
      return { ok: false as const, code: 'network_error' };
    }
  }

  return {
    changePassword: (password) => viaSupabase(() => auth.client.auth.updateUser({ password })),
    changeEmail: (email) => viaSupabase(() => auth.client.auth.updateUser({ email })),
    sendPasswordReset: (email) => viaSupabase(() => auth.client.auth.resetPasswordForEmail(email)),
    resendConfirmation: (email) =>
      viaSupabase(() => auth.client.auth.resend({ type: 'signup', email })),

    async deleteAccount(password, { keepLocalCopy }) {
      const result = await callApi('DELETE', '/api/account', { password });
      if (!result.ok) return result;
      await auth.signOut();
      if (!keepLocalCopy) await wipeLocalTasks(db);
      return { ok: true };
    },

    async downloadData() {
      const result = await callApi('GET', '/api/account/export');
      if (!result.ok) return result;
      const disposition = result.response.headers.get('Content-Disposition') ?? '';
      const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'tend-export.json';
      return { ok: true, blob: await result.response.blob(), filename };
    },
  };
}
