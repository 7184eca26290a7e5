// Mailed account links (and an admin's reset link) go through the server's /auth/v1/verify, which returns
// here with the session, or the error, in the URL fragment. This reads it once at start, signs in with it,
// and clears it from the address bar, so the tokens end up neither in history nor in a bookmark.
import { createSignal } from 'solid-js';
import type { TendAuth } from './auth';

type AccountLinkType = 'signup' | 'recovery' | 'email_change';

type AccountLinkOutcome = { ok: true; type: AccountLinkType } | { ok: false; code: string };

const [outcome, setOutcome] = createSignal<AccountLinkOutcome | null>(null);

/** What the last opened link did; the account panel shows it (and asks for a new password after recovery). */
export const accountLinkOutcome = outcome;

export function dismissAccountLinkOutcome(): void {
  setOutcome(null);
}

const LINK_TYPES: readonly string[] = ['signup', 'recovery', 'email_change'];

export async function consumeAccountLink(
  auth: TendAuth,
  where: Pick<Location, 'hash' | 'pathname' | 'search'> = location,
  replaceUrl: (url: string) => void = (url) => history.replaceState(history.state, '', url),
): Promise<AccountLinkOutcome | null> {
  const params = new URLSearchParams(where.hash.replace(/^#/, ''));
  const accessToken = params.get('access_token');
  const refreshToken = params.get('refresh_token');
  const errorCode = params.get('error_code');
  if (!(accessToken && refreshToken) && !errorCode) return null;
  replaceUrl(where.pathname + where.search);
  let result: AccountLinkOutcome;
  if (errorCode) {
    result = { ok: false, code: errorCode };
  } else {
    const type = params.get('type') ?? '';
    const { error } = await auth.client.auth.setSession({
      access_token: accessToken!,
      refresh_token: refreshToken!,
    });
    result = error
      ? { ok: false, code: error.code ?? 'otp_expired' }
      : { ok: true, type: (LINK_TYPES.includes(type) ? type : 'signup') as AccountLinkType };
  }
  setOutcome(result);
  return result;
}
