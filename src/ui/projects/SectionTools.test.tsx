// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import axe from 'axe-core';
import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { listProjectSections } from '../../db/queries';
import { createLive } from '../lib/live';
import { createTestContext, createTestServices, WithApp } from '../testing';
import { sectionsStore } from './projects-store';
import { SectionTools } from './SectionTools';

afterEach(() => cleanup());

describe('<SectionTools />', () => {
  it('adds, reorders, renames and deletes sections with Undo, and passes axe', async () => {
    const services = await createTestServices();
    const task = await services.store.addTask({ title: 'Paint', project: 'Home' });
    const projectId = task.projectId!;
    const context = createTestContext(services);
    const names = async () =>
      (await listProjectSections(services.db, projectId)).map((s) => s.name);
    const { container } = render(() => {
      const sections = createLive(() => listProjectSections(services.db, projectId), []);
      return (
        <WithApp value={context}>
          <SectionTools projectId={projectId} sections={sections.value()} />
        </WithApp>
      );
    });

    for (const name of ['Shopping', 'Walls']) {
      fireEvent.click(screen.getByRole('button', { name: 'Add section' }));
      const input = await screen.findByRole('textbox', { name: 'New section name' });
      fireEvent.input(input, { target: { value: name } });
      fireEvent.submit(input.closest('form')!);
      await screen.findByText(name, { selector: '.section-tools-name' }, { timeout: 5_000 });
    }
    expect(await names()).toEqual(['Shopping', 'Walls']);
    // The first section cannot go up, the last cannot go down.
    expect(
      (screen.getByRole('button', { name: 'Move section “Shopping” up' }) as HTMLButtonElement)
        .disabled,
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Move section “Walls” up' }));
    await waitFor(async () => expect(await names()).toEqual(['Walls', 'Shopping']));

    fireEvent.click(await screen.findByRole('button', { name: 'Rename section “Shopping”' }));
    const rename = await screen.findByRole('textbox', { name: 'Section name' });
    fireEvent.input(rename, { target: { value: 'To buy' } });
    fireEvent.submit(rename.closest('form')!);
    await waitFor(async () => expect(await names()).toEqual(['Walls', 'To buy']));

    const result = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => v.id)).toEqual([]);

    await services.store.updateTask(task.id, {
      sectionId: (await listProjectSections(services.db, projectId))[0].id,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete section “Walls”' }));
    await waitFor(async () => expect(await names()).toEqual(['To buy']));
    expect((await services.store.getTask(task.id))?.deletedAt).not.toBeNull();
    const toast = context.toasts.toasts().find((t) => t.message.startsWith('Deleted the section'));
    expect(toast?.message).toBe('Deleted the section “Walls” and 1 task');
    toast?.action?.run();
    await waitFor(async () => expect(await names()).toEqual(['Walls', 'To buy']));
    expect((await services.store.getTask(task.id))?.deletedAt).toBeNull();
  });

  it('keeps the name typed in the Add section form apart from a section being renamed', async () => {
    const services = await createTestServices();
    const task = await services.store.addTask({ title: 'Paint', project: 'Home' });
    const projectId = task.projectId!;
    const context = createTestContext(services);
    const sections = await sectionsStore(context);
    const section = await sections.addSection({ projectId, name: 'Shopping' });
    render(() => (
      <WithApp value={context}>
        <SectionTools projectId={projectId} sections={[section]} />
      </WithApp>
    ));

    fireEvent.click(screen.getByRole('button', { name: 'Rename section “Shopping”' }));
    const rename = (await screen.findByRole('textbox', {
      name: 'Section name',
    })) as HTMLInputElement;
    fireEvent.input(rename, { target: { value: 'To buy' } });

    fireEvent.click(screen.getByRole('button', { name: 'Add section' }));
    const added = (await screen.findByRole('textbox', {
      name: 'New section name',
    })) as HTMLInputElement;
    expect(added.value).toBe('');
    fireEvent.input(added, { target: { value: 'Walls' } });

    expect(rename.value).toBe('To buy');
    expect(added.value).toBe('Walls');
  });
});
