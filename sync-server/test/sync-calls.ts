// Push and pull through a test server's app, as a device does: a push that must be accepted as a request
// (entries may still be refused one by one), and a pull that pages to the end of the cursor range.
import { expect } from 'vitest';
import type { PullResult } from '../sync/pull';
import type { TestServer, TestUser } from './harness';

export interface PushReply {
  applied: string[];
  rejected: { id: string; code: string; message: string }[];
}

/** Every record of the pulled pages, and the cursor the last page ended at. */
export type PulledRecords = Omit<PullResult, 'hasMore' | 'archived'>;

export async function pushAccepted(
  server: TestServer,
  user: TestUser,
  mutations: unknown[],
): Promise<PushReply> {
  const res = await server.app.request('/api/sync/push', {
    method: 'POST',
    headers: user.headers,
    body: JSON.stringify({ clientId: 'device-1', mutations }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as PushReply;
}

/** Pages from `cursor` until the server has no more, `limit` records a page (small, to cross pages). */
export async function pullToEnd(
  server: TestServer,
  user: TestUser,
  cursor = '',
  limit = 2,
): Promise<PulledRecords> {
  const out: PulledRecords = {
    tasks: [],
    projects: [],
    sections: [],
    labels: [],
    comments: [],
    cursor,
  };
  for (;;) {
    const query = `?limit=${limit}${out.cursor ? `&cursor=${out.cursor}` : ''}`;
    const res = await server.app.request(`/api/sync/pull${query}`, { headers: user.headers });
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResult;
    out.tasks.push(...body.tasks);
    out.projects.push(...body.projects);
    out.sections.push(...body.sections);
    out.labels.push(...body.labels);
    out.comments.push(...body.comments);
    out.cursor = body.cursor;
    if (!body.hasMore) return out;
  }
}
