// Alert states shared by every instance, so a rule fires once and resolves once however many instances
// evaluate it. An instance notifies only when it wins the transition: a conditional upsert in PostgreSQL,
// one Lua script in Redis, each atomic against the others.
import type { StateBackend } from './backend';

type AlertTransition = 'firing' | 'resolved';

export interface SharedAlertState {
  id: string;
  firing: boolean;
  firingSince: string | null;
  lastNotifiedAt: string | null;
}

export interface AlertStates {
  /**
   * Records an evaluation and returns the notification this instance must send: 'firing' when the rule starts
   * firing or fires on past its cooldown, 'resolved' when it stops; null when there is nothing to send or
   * another instance already claimed it.
   */
  transition(
    ruleId: string,
    firing: boolean,
    at: number,
    cooldownMs: number,
  ): Promise<AlertTransition | null>;
  list(): Promise<SharedAlertState[]>;
}

const iso = (value: unknown) =>
  value === null || value === undefined || value === ''
    ? null
    : new Date(value instanceof Date ? value : Number(value)).toISOString();

function postgresAlertStates({ db }: StateBackend): AlertStates {
  return {
    async transition(ruleId, firing, at, cooldownMs) {
      const when = new Date(at).toISOString();
      if (firing) {
        const claimed = await db.query(
          `insert into tend_ops.alert_states as s (rule_id, firing, firing_since, last_notified_at, evaluated_at)
           values ($1, true, $2, $2, $2)
           on conflict (rule_id) do update
             set firing = true,
                 firing_since = case when s.firing then s.firing_since else excluded.firing_since end,
                 last_notified_at = excluded.last_notified_at,
                 evaluated_at = excluded.evaluated_at
             where not s.firing or s.last_notified_at is null
                or s.last_notified_at <= $2::timestamptz - $3 * interval '1 millisecond'
           returning rule_id`,
          [ruleId, when, cooldownMs],
        );
        return claimed.length === 1 ? 'firing' : null;
      }
      const resolved = await db.query(
        `update tend_ops.alert_states
            set firing = false, firing_since = null, last_notified_at = $2, evaluated_at = $2
          where rule_id = $1 and firing
          returning rule_id`,
        [ruleId, when],
      );
      return resolved.length === 1 ? 'resolved' : null;
    },
    async list() {
      const rows = await db.query<{
        rule_id: string;
        firing: boolean;
        firing_since: Date | string | null;
        last_notified_at: Date | string | null;
      }>('select rule_id, firing, firing_since, last_notified_at from tend_ops.alert_states');
      return rows.map((r) => ({
        id: r.rule_id,
        firing: r.firing,
        firingSince: r.firing_since === null ? null : new Date(r.firing_since).toISOString(),
        lastNotifiedAt:
          r.last_notified_at === null ? null : new Date(r.last_notified_at).toISOString(),
      }));
    },
  };
}

// KEYS[1]: the rule's hash. ARGV: firing (1/0), now (ms), cooldown (ms).
const TRANSITION_LUA = `
local firing = redis.call('HGET', KEYS[1], 'firing') == '1'
local last = tonumber(redis.call('HGET', KEYS[1], 'last_notified_at') or '')
local now = tonumber(ARGV[2])
if ARGV[1] == '1' then
  if not firing then
    redis.call('HSET', KEYS[1], 'firing', '1', 'firing_since', ARGV[2], 'last_notified_at', ARGV[2])
    return 'firing'
  end
  if last == nil or now - last >= tonumber(ARGV[3]) then
    redis.call('HSET', KEYS[1], 'last_notified_at', ARGV[2])
    return 'firing'
  end
  return false
end
if firing then
  redis.call('HSET', KEYS[1], 'firing', '0', 'firing_since', '', 'last_notified_at', ARGV[2])
  return 'resolved'
end
return false`;

function redisAlertStates({ redis, redisPrefix }: StateBackend): AlertStates {
  const client = redis!;
  const key = (ruleId: string) => `${redisPrefix}alert:${ruleId}`;
  const index = `${redisPrefix}alerts`;
  return {
    async transition(ruleId, firing, at, cooldownMs) {
      const [, result] = await client
        .multi()
        .sadd(index, ruleId)
        .eval(TRANSITION_LUA, 1, key(ruleId), firing ? '1' : '0', String(at), String(cooldownMs))
        .exec()
        .then((replies) =>
          (replies ?? []).map(([error, value]) => {
            if (error) throw error;
            return value;
          }),
        );
      return result === 'firing' || result === 'resolved' ? result : null;
    },
    async list() {
      const ids = await client.smembers(index);
      const batch = client.pipeline();
      for (const id of ids) batch.hgetall(key(id));
      const replies = (await batch.exec()) ?? [];
      return ids.map((id, i) => {
        const hash = (replies[i]?.[1] ?? {}) as Record<string, string>;
        return {
          id,
          firing: hash.firing === '1',
          firingSince: iso(hash.firing_since),
          lastNotifiedAt: iso(hash.last_notified_at),
        };
      });
    },
  };
}

export function createAlertStates(backend: StateBackend): AlertStates {
  return backend.redis ? redisAlertStates(backend) : postgresAlertStates(backend);
}
