// What signing a session needs from the app context, for every route that hands out tokens.
import type { AppContext } from '../context';
import type { SessionDeps } from './sessions';

export function sessionDeps(ctx: AppContext, requestUrl: string): SessionDeps {
  return {
    jwtSecret: ctx.secrets.jwtSecret,
    expiresIn: ctx.config.jwtExpirySeconds,
    now: ctx.now,
    newId: ctx.newId,
    issuer: `${new URL(requestUrl).origin}/auth/v1`,
  };
}
