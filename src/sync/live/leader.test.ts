// Leader election over the Web Locks test double and Node's real BroadcastChannel: one tab leads and
// relays, the others hear it; when the leader goes, a waiting tab takes over; users never share.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Leader, LiveMessage } from './leader';
import { startLeaderElection } from './leader';
import { createWebLocksDouble } from './testing/web-locks-double';

const tick = () => new Promise((r) => setTimeout(r, 20));

interface Tab {
  leader: Leader;
  heard: LiveMessage[];
  /** Set while this tab leads: publishes as the stream would. */
  publish?: (message: LiveMessage) => void;
  leads: number;
}

const tabs: Tab[] = [];
afterEach(() => tabs.splice(0).forEach((t) => t.leader.stop()));

function openTab(locks: Pick<LockManager, 'request'>, userId: string): Tab {
  const tab: Tab = { heard: [], leads: 0 } as unknown as Tab;
  tab.leader = startLeaderElection({
    userId,
    locks,
    openChannel: (name) => new BroadcastChannel(name) as unknown as BroadcastChannel,
    async lead(signal, publish) {
      tab.leads += 1;
      tab.publish = publish;
      publish({ kind: 'connection', connection: 'live' });
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      tab.publish = undefined;
    },
    onMessage: (m) => tab.heard.push(m),
  });
  tabs.push(tab);
  return tab;
}

describe('live leader election', () => {
  it('one tab of a user leads; its events reach every tab of that user and no other user', async () => {
    const locks = createWebLocksDouble();
    const user = randomUUID();
    const [a, b, c] = [openTab(locks, user), openTab(locks, user), openTab(locks, user)];
    const stranger = openTab(locks, randomUUID());
    await tick();
    expect([a, b, c].filter((t) => t.leader.isLeader())).toHaveLength(1);
    expect(a.leader.isLeader()).toBe(true);
    expect(stranger.leader.isLeader()).toBe(true);

    a.publish!({ kind: 'change', seq: 7 });
    await tick();
    for (const tab of [a, b, c]) expect(tab.heard).toContainEqual({ kind: 'change', seq: 7 });
    expect(stranger.heard).not.toContainEqual({ kind: 'change', seq: 7 });
    // Tabs that joined after the leader connected were told its state.
    expect(b.heard).toContainEqual({ kind: 'connection', connection: 'live' });
  });

  it('when the leading tab closes, a waiting tab takes over', async () => {
    const locks = createWebLocksDouble();
    const user = randomUUID();
    const a = openTab(locks, user);
    const b = openTab(locks, user);
    await tick();
    expect(a.leader.isLeader()).toBe(true);
    a.leader.stop();
    await tick();
    expect(b.leader.isLeader()).toBe(true);
    expect(b.leads).toBe(1);
    b.publish!({ kind: 'change', seq: 3 });
    const c = openTab(locks, user);
    await tick();
    b.publish!({ kind: 'change', seq: 4 });
    await tick();
    expect(c.heard).toContainEqual({ kind: 'change', seq: 4 });
    expect(c.leader.isLeader()).toBe(false);
  });

  it('ignores malformed messages on the channel', async () => {
    const locks = createWebLocksDouble();
    const user = randomUUID();
    const a = openTab(locks, user);
    await tick();
    const rogue = new BroadcastChannel(`tend-live:${user}`);
    rogue.postMessage({ kind: 'change', seq: 'x' });
    rogue.postMessage({ kind: 'connection', connection: 'hacked' });
    rogue.postMessage(null);
    await tick();
    rogue.close();
    expect(a.heard).toEqual([{ kind: 'connection', connection: 'live' }]);
  });
});
