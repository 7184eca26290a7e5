// /documentation: the user guide, loaded as its own chunk and precached, so it opens offline. Quick add
// and the shortcuts are generated from the parser and the keymap; the rest says what Tend does with
// tasks, the network and the account.
import { For } from 'solid-js';
import type { JSX } from 'solid-js';
import '../../styles/documentation.css';
import { QuickAddGuide } from './QuickAddGuide';
import { ShortcutsGuide } from './ShortcutsGuide';
import { DocSection } from './DocSection';
import { View } from '../lib/View';

const CONTENTS = [
  ['doc-quick-add', 'Quick add'],
  ['doc-shortcuts', 'Keyboard shortcuts'],
  ['doc-offline', 'Offline and sync'],
  ['doc-privacy', 'Privacy'],
  ['doc-install', 'Install on desktop and phone'],
  ['doc-account', 'Your account'],
] as const;

export default function DocumentationPage(): JSX.Element {
  return (
    <View class="documentation" title="Help">
      <p>
        Tend is a task list that lives on your device and works without a connection. This guide is
        saved with the app, so it opens offline too.
      </p>
      <nav aria-labelledby="doc-contents-heading">
        <h2 id="doc-contents-heading">Contents</h2>
        <ul class="doc-contents">
          <For each={CONTENTS}>
            {([id, label]) => (
              <li>
                <a href={`#${id}`}>{label}</a>
              </li>
            )}
          </For>
          <li>
            <a href="/documentation/api">API reference (for developers)</a>
          </li>
        </ul>
      </nav>

      <QuickAddGuide />
      <ShortcutsGuide />

      <DocSection id="doc-offline" heading="Offline and sync">
        <p>
          Every task is saved on this device first, the moment you press Enter, whether or not you
          are online. Without an account Tend never needs the network.
        </p>
        <p>
          Signed in, Tend sends your changes to the server shortly after you make them and fetches
          the changes your other devices made. Offline, changes wait in a queue on the device; they
          are sent when the connection returns, even if you closed the tab (where the browser
          supports background sync). The status in the header says whether everything is synced, how
          many changes are waiting, and when something needs you.
        </p>
        <p>
          Two devices can change the same task while apart: Tend merges them field by field, and for
          the same field the later change wins. A change the server refuses stays listed under
          Settings, Account and sync, where you can try it again or discard it.
        </p>
      </DocSection>

      <DocSection id="doc-privacy" heading="Privacy: what leaves your device, and when">
        <ul>
          <li>
            <strong>Without an account:</strong> nothing. Tasks are stored in this browser only.
          </li>
          <li>
            <strong>With an account:</strong> your tasks and their change history go to the Tend
            server you signed in to, over HTTPS, so your other devices can have them. Your email
            address and a hash of your password are kept to sign you in.
          </li>
          <li>
            <strong>On-device AI (off unless you turn it on):</strong> the model is downloaded once
            from its host (Hugging Face) and then runs on your device; what you type is not sent
            anywhere.
          </li>
          <li>
            <strong>AI statistics (a separate switch, off by default):</strong> timings and whether
            a suggestion was accepted, as numbers only, never your text.
          </li>
          <li>
            No advertising, no third-party trackers. Download or delete your data at any time.
          </li>
        </ul>
      </DocSection>

      <DocSection id="doc-install" heading="Install on desktop and phone">
        <p>
          Installed, Tend opens in its own window, starts offline and appears with your other apps.
        </p>
        <ul>
          <li>
            <strong>Chrome, Edge (desktop):</strong> choose Install in the header, or the install
            icon at the end of the address bar.
          </li>
          <li>
            <strong>Android:</strong> choose Install in the header, or Add to home screen in the
            browser menu.
          </li>
          <li>
            <strong>iPhone and iPad (Safari):</strong> tap Share, then Add to Home Screen.
          </li>
          <li>
            <strong>Safari on a Mac:</strong> File, then Add to Dock.
          </li>
        </ul>
        <p>
          When a new version is ready, Tend says so and reloads only when you choose, so nothing you
          are typing is lost. Installed, you can share text or a link from another app into Tend.
        </p>
      </DocSection>

      <DocSection id="doc-account" heading="Your account">
        <p>An account is optional; it is what lets your devices share one task list.</p>
        <ul>
          <li>
            <strong>Sign up or sign in</strong> with an email address and a password under Settings,
            Account and sync. The tasks already on the device are kept and synced.
          </li>
          <li>
            <strong>Forgot password?</strong> sends a reset link to your email.
          </li>
          <li>
            <strong>Change your email or password</strong> in the same panel; a new email address is
            confirmed by a link.
          </li>
          <li>
            <strong>Sign out</strong> asks whether to keep a copy of your tasks on this device or
            remove it.
          </li>
          <li>
            <strong>Download my data</strong> gives every task the server holds for you, as a file
            you can import again. Settings also exports and imports files on the device, Todoist CSV
            included.
          </li>
          <li>
            <strong>Delete account</strong> removes the account and every task on the server, for
            good, after you confirm with your password.
          </li>
        </ul>
      </DocSection>
    </View>
  );
}
