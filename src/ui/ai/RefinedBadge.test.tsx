// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../app-context';
import { createTestContext, createTestServices } from '../testing';
import type { TestServices } from '../testing';
import { REFINED_EVENT, refineAfterCapture } from '../../ai/refine';
import type { OnDeviceParser } from '../../ai/refine';
import { RefinedBadge } from './RefinedBadge';

afterEach(() => cleanup());

/** A parser test double answering at once: the engine boundary is covered in bridge.test.ts. */
const answering = (raw: string): OnDeviceParser => ({
  prepare: async () => ({ status: 'ready', modelId: 'test-model' }),
  parse: async () => raw,
});

async function refinedTask(services: TestServices) {
  const text = 'ring the dentist the day after tomorrow';
  const task = await services.store.addTask({ title: text });
  const events: string[] = [];
  window.addEventListener(REFINED_EVENT, (e) => events.push((e as CustomEvent).detail.taskId), {
    once: true,
  });
  await refineAfterCapture({
    taskId: task.id,
    text,
    rules: { title: text, due: null, priority: 4, project: null, labels: [], recurrence: null },
    now: new Date(2026, 10, 26, 9, 0),
    store: services.store,
    db: services.db,
    ai: answering(
      '{"title":"Ring the dentist","due":"2026-11-28","priority":4,"project":null,"labels":[],"recurrence":null}',
    ),
  });
  expect(events).toEqual([task.id]);
  return task;
}

describe('RefinedBadge', () => {
  it('marks a refined task and undoes the refinement from the keyboard-reachable button', async () => {
    const services = await createTestServices();
    const context = createTestContext(services);
    const task = await refinedTask(services);
    render(() => (
      <AppContext.Provider value={context}>
        <RefinedBadge taskId={task.id} />
      </AppContext.Provider>
    ));
    expect(await screen.findByText('Refined on device')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Undo refinement' }));
    await waitFor(() => expect(screen.queryByText('Refined on device')).toBeNull());
    expect(await services.store.getTask(task.id)).toMatchObject({ title: task.title, due: null });
    await waitFor(() =>
      expect(context.toasts.toasts().map((t) => t.message)).toContain(
        'Restored the task as you typed it.',
      ),
    );
  });

  it('shows nothing for a task the model did not touch', async () => {
    const services = await createTestServices();
    const task = await services.store.addTask({ title: 'Water the ferns' });
    render(() => (
      <AppContext.Provider value={createTestContext(services)}>
        <RefinedBadge taskId={task.id} />
      </AppContext.Provider>
    ));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByText('Refined on device')).toBeNull();
  });
});
