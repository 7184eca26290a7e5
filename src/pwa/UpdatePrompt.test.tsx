// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';

afterEach(cleanup);
import { UpdatePrompt } from './UpdatePrompt.tsx';
import { createUpdateFlow } from './update-flow.ts';
import { createFakeWorkbox } from './fake-workbox.ts';

describe('<UpdatePrompt />', () => {
  it('shows nothing without a waiting version', () => {
    render(() => <UpdatePrompt />);
    expect(screen.queryByText('New version available')).toBeNull();
  });

  it('offers the new version and reloads only after Reload is pressed', async () => {
    const { worker, fire, calls } = createFakeWorkbox();
    const reload = vi.fn();
    const flow = createUpdateFlow(worker, reload);
    render(() => <UpdatePrompt flow={flow} />);
    expect(screen.queryByText('New version available')).toBeNull();

    fire('waiting');
    expect(await screen.findByText('New version available')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'App update' })).toBeTruthy();
    expect(reload).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(calls.messageSkipWaiting).toBe(1);
    fire('controlling');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('can be put off with Later', async () => {
    const { worker, fire, calls } = createFakeWorkbox();
    const flow = createUpdateFlow(worker, vi.fn());
    render(() => <UpdatePrompt flow={flow} />);
    fire('waiting');
    fireEvent.click(await screen.findByRole('button', { name: 'Later' }));
    expect(screen.queryByText('New version available')).toBeNull();
    expect(calls.messageSkipWaiting).toBe(0);
  });
});
