// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import axe from 'axe-core';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { listArchived, markArchived } from '../../db/archive';
import { createTestContext, createTestServices, WithApp } from '../testing';
import { ArchivedTasks } from './ArchivedTasks';

afterEach(() => cleanup());

describe('<ArchivedTasks />', () => {
  it('lists archived tasks read-only, clears them on request, and passes axe', async () => {
    const services = await createTestServices();
    const [filed, open] = await services.store.addTasks([
      { title: 'Filed taxes' },
      { title: 'Open' },
    ]);
    await services.store.completeTask(filed.id);
    await services.db.transaction('rw', services.db.tasks, () =>
      markArchived(services.db, [filed.id], '2026-11-26T09:00:00.000Z'),
    );
    expect((await listArchived(services.db)).length).toBe(1);
    const { container } = render(() => (
      <WithApp value={createTestContext(services)}>
        <ArchivedTasks />
      </WithApp>
    ));
    const region = await screen.findByRole(
      'region',
      { name: 'Archived on the server' },
      { timeout: 5_000 },
    );
    expect(region.textContent).toContain('Filed taxes');
    expect(region.textContent).not.toContain('Open');
    // Nothing to tick or open: read-only.
    expect(region.querySelectorAll('input, [role="checkbox"]').length).toBe(0);
    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Clear archive' }));
    await waitFor(() => expect(screen.queryByRole('region')).toBeNull());
    expect(await services.store.getTask(open.id)).not.toBeNull();
    expect(await services.db.tasks.get(filed.id)).toBeUndefined();
  });
});
