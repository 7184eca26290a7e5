// Settings > Account and sync: sign in / create an account, who is signed in, sign out, and the sync
// diagnostics (last synced, pending, clock difference, changes the server refused, with retry/discard).
import { createResource, createSignal, For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { discardRejected, listRejected, retryRejected } from '../../sync/outbox';
import {
  answerLocalDataQuestion,
  getSyncServices,
  localDataQuestion,
  signOut,
} from '../../sync/setup';
import type { SyncServices } from '../../sync/setup';
import { syncStatus } from '../../sync/status';
import {
  SYNC_STATE_LABELS,
  describeAccountFailure,
  describeAuthFailure,
  describeSyncProblem,
  plural,
} from '../messages';
import { AccountField } from './AccountField';
import { fieldLabel, formatDuration, formatWhen } from './format';
import {
  accountActionsFor,
  accountNotice,
  AccountSettings,
  clearAccountNotice,
} from './AccountSettings';
import { SyncProgress } from './SyncProgress';

export function AccountPanel(props: { services?: SyncServices | null }): JSX.Element {
  const services = () => (props.services === undefined ? getSyncServices() : props.services);
  return (
    <section class="settings-section account-panel" aria-labelledby="account-heading">
      <h2 id="account-heading">Account and sync</h2>
      <Show
        when={services()}
        fallback={<p>Sync is not available right now. Your tasks are saved on this device.</p>}
      >
        {(s) => (
          <>
            <Show when={s().auth.user()} fallback={<SignInForm services={s()} />}>
              {(user) => (
                <div class="account-signed-in">
                  <p>
                    Signed in as <strong>{user().email}</strong>. Your tasks sync across your
                    devices.
                  </p>
                  <Show when={localDataQuestion()} fallback={<SignedInActions services={s()} />}>
                    {(asked) => <LocalDataChoice services={s()} tasks={asked().tasks} />}
                  </Show>
                  <AccountSettings services={s()} user={user()} />
                </div>
              )}
            </Show>
            <SyncProgress />
            <Diagnostics />
            <RejectedChanges services={s()} />
          </>
        )}
      </Show>
    </section>
  );
}

export default AccountPanel;

/** Sync now, and Sign out with its question: keep a copy on this device, or remove it. */
function SignedInActions(props: { services: SyncServices }): JSX.Element {
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  async function leave(keep: boolean) {
    setBusy(true);
    try {
      await signOut(props.services, { keep });
    } finally {
      setBusy(false);
    }
  }
  return (
    <Show
      when={asking()}
      fallback={
        <div class="detail-actions">
          <button type="button" class="btn" onClick={() => void props.services.engine.syncNow()}>
            Sync now
          </button>
          <button type="button" class="btn" onClick={() => setAsking(true)}>
            Sign out
          </button>
        </div>
      }
    >
      <fieldset class="account-choice" disabled={busy()}>
        <legend>Sign out: what happens to your tasks on this device?</legend>
        <p>
          A kept copy stays on this device only. It is never added to another account unless you
          choose to when you sign in to one.
        </p>
        <div class="detail-actions">
          <button type="button" class="btn" onClick={() => void leave(true)}>
            Keep a copy on this device
          </button>
          <button type="button" class="btn btn-danger" onClick={() => void leave(false)}>
            Remove from this device
          </button>
          <button type="button" class="btn" onClick={() => setAsking(false)}>
            Cancel
          </button>
        </div>
      </fieldset>
    </Show>
  );
}

/** Another account's kept tasks are here: never merged without this explicit choice. */
function LocalDataChoice(props: { services: SyncServices; tasks: number }): JSX.Element {
  return (
    <div class="account-choice" role="group" aria-labelledby="local-data-question">
      <p id="local-data-question">
        This device holds {plural(props.tasks, 'task')} from another account. Add these{' '}
        {plural(props.tasks, 'task')} to this account? Nothing syncs until you choose.
      </p>
      <div class="detail-actions">
        <button
          type="button"
          class="btn"
          onClick={() => void answerLocalDataQuestion(props.services, 'add')}
        >
          Add {plural(props.tasks, 'task')} to this account
        </button>
        <button
          type="button"
          class="btn btn-danger"
          onClick={() => void answerLocalDataQuestion(props.services, 'remove')}
        >
          Remove them from this device
        </button>
        <button
          type="button"
          class="btn"
          onClick={() => void signOut(props.services, { keep: true })}
        >
          Sign out
        </button>
      </div>
    </div>
  );
}

function SignInForm(props: { services: SyncServices }): JSX.Element {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function sendReset() {
    setError(null);
    setNotice(null);
    clearAccountNotice();
    const address = email().trim();
    if (!address) {
      setError('Enter your email first, then choose “Forgot password?”.');
      return;
    }
    setBusy(true);
    const result = await accountActionsFor(props.services).sendPasswordReset(address);
    setBusy(false);
    if (result.ok) setNotice(`If ${address} has an account, a reset link is on its way.`);
    else setError(describeAccountFailure(result.code));
  }

  const errorId = () => (error() ? 'account-error' : undefined);

  async function submit(mode: 'signIn' | 'signUp') {
    setError(null);
    setNotice(null);
    clearAccountNotice();
    if (!email().trim() || !password()) {
      setError('Enter your email and a password.');
      return;
    }
    setBusy(true);
    const result = await props.services.auth[mode](email().trim(), password());
    setBusy(false);
    if (!result.ok) setError(describeAuthFailure(result));
    else if (result.needsConfirmation)
      setError('Check your email to confirm the account, then sign in.');
  }

  return (
    <form
      class="account-form"
      noValidate
      aria-describedby="account-intro"
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
        void submit(submitter?.value === 'signUp' ? 'signUp' : 'signIn');
      }}
    >
      <p id="account-intro">
        Tend works fully on this device without an account. Sign in to sync your tasks across
        devices.
      </p>
      <AccountField field="email" value={[email, setEmail]} errorId={errorId()} />
      <AccountField field="password" value={[password, setPassword]} errorId={errorId()} />
      <p class="hint" role="status">
        {notice() ?? accountNotice() ?? ''}
      </p>
      <p id="account-error" class="field-error" role="alert">
        {error() ?? ''}
      </p>
      <div class="detail-actions">
        <button type="submit" class="btn btn-primary" value="signIn" disabled={busy()}>
          Sign in
        </button>
        <button type="submit" class="btn" value="signUp" disabled={busy()}>
          Create account
        </button>
        <button type="button" class="btn" disabled={busy()} onClick={() => void sendReset()}>
          Forgot password?
        </button>
      </div>
    </form>
  );
}

function Diagnostics(): JSX.Element {
  const status = syncStatus;
  return (
    <dl class="sync-diagnostics" aria-label="Sync diagnostics">
      <dt>Status</dt>
      <dd>{SYNC_STATE_LABELS[status().state]}</dd>
      <dt>Last synced</dt>
      <dd>{formatWhen(status().lastSyncedAt)}</dd>
      <dt>Changes waiting to sync</dt>
      <dd>{status().pending}</dd>
      <Show when={status().skewMs > 0}>
        <dt>Clock difference</dt>
        <dd>
          Another device’s clock is {formatDuration(status().skewMs)} ahead of this one. Sync still
          works.
        </dd>
      </Show>
      <Show when={status().problem}>
        {(problem) => (
          <>
            <dt>Last problem</dt>
            <dd>{describeSyncProblem(problem())}</dd>
          </>
        )}
      </Show>
    </dl>
  );
}

function RejectedChanges(props: { services: SyncServices }): JSX.Element {
  const db = () => props.services.db;
  const [rejected, { refetch }] = createResource(
    () => syncStatus().rejected,
    async () => {
      const entries = await listRejected(db());
      const titles = await db().tasks.bulkGet(entries.map((e) => e.taskId));
      return entries.map((entry, i) => ({ entry, title: titles[i]?.title ?? 'a task' }));
    },
  );
  async function act(action: typeof retryRejected, id: string) {
    await action(db(), id);
    await refetch();
    await props.services.engine.syncNow();
  }
  return (
    <Show when={rejected()?.length}>
      <section aria-labelledby="rejected-heading" class="rejected-changes">
        <h3 id="rejected-heading">Changes the server refused</h3>
        <ul>
          <For each={rejected()}>
            {({ entry, title }) => (
              <li>
                <p>
                  {Object.keys(entry.changes).map(fieldLabel).join(', ')} of “{title}”:{' '}
                  {entry.rejected?.message}
                </p>
                <button type="button" class="btn" onClick={() => void act(retryRejected, entry.id)}>
                  Retry
                </button>
                <button
                  type="button"
                  class="btn btn-danger"
                  onClick={() => void act(discardRejected, entry.id)}
                >
                  Discard
                </button>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
