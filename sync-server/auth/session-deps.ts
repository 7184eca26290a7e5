// What signing a session needs from the app context, for every route that hands out tokens.
import type { AppContext } from '../context';
import type { SessionDeps } from './sessions';

// The issuer comes from configuration (JWT_ISSUER), never from a request's Host header.
export function sessionDeps(ctx: AppContext): SessionDeps {
  return {
    jwtSecret: ctx.secrets.jwtSecret,
    expiresIn: ctx.config.jwtExpirySeconds,
    now: ctx.now,
    newId: ctx.newId,
    issuer: ctx.config.jwtIssuer,
  };
}
