// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@solidjs/testing-library';

afterEach(cleanup);
import { InstallButton } from './InstallButton.tsx';
import { createInstallPrompt } from './install-prompt.ts';

describe('<InstallButton />', () => {
  it('appears only while the browser offers installation, and prompts on click', async () => {
    const target = new EventTarget();
    const installPrompt = createInstallPrompt(target);
    render(() => <InstallButton prompt={installPrompt} />);
    expect(screen.queryByRole('button', { name: 'Install Tend' })).toBeNull();

    const offer = new Event('beforeinstallprompt', { cancelable: true });
    const prompt = vi.fn(async () => undefined);
    Object.assign(offer, { prompt, userChoice: Promise.resolve({ outcome: 'accepted' }) });
    target.dispatchEvent(offer);

    fireEvent.click(await screen.findByRole('button', { name: 'Install Tend' }));
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('button', { name: 'Install Tend' })).toBeNull();
  });

  it('listens on the page-wide prompt by default', () => {
    render(() => <InstallButton />);
    window.dispatchEvent(new Event('beforeinstallprompt', { cancelable: true }));
    expect(screen.getByRole('button', { name: 'Install Tend' })).toBeTruthy();
  });
});
