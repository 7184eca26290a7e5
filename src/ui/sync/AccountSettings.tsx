// Settings > Account for a signed-in person: confirm the email address, change password or email,
// download their data, delete the account (keeping or wiping this device's copy). Every failure is a
// code from the account actions, worded by the messages module.
import { createEffect, createMemo, createSignal, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { createAccountActions } from '../../sync/account';
import type { AccountActions, AccountResult } from '../../sync/account';
import { accountLinkOutcome, dismissAccountLinkOutcome } from '../../sync/account-links';
import type { AuthUser } from '../../sync/auth';
import type { SyncServices } from '../../sync/setup';
import { describeAccountFailure } from '../messages';
import { AccountField } from './AccountField';

// Outlives the signed-in panel: after a deletion the sign-in form says what happened.
const [accountNotice, setAccountNotice] = createSignal<string | null>(null);
export { accountNotice };

export function clearAccountNotice(): void {
  setAccountNotice(null);
}

export function accountActionsFor(services: SyncServices): AccountActions {
  return createAccountActions({ auth: services.auth, db: services.db, baseUrl: location.origin });
}

/** A form's outcome: a status line on success, an alert on failure. */
function createOutcome() {
  const [done, setDone] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  return {
    done,
    error,
    busy,
    /** Shows the outcome of an action already started (so the handler reads props synchronously). */
    async run(pending: Promise<AccountResult>, success: string, codeFor = (c: string) => c) {
      setDone(null);
      setError(null);
      setBusy(true);
      const result = await pending;
      setBusy(false);
      if (result.ok) setDone(success);
      else setError(describeAccountFailure(codeFor(result.code)));
      return result.ok;
    },
    fail(message: string) {
      setDone(null);
      setError(message);
    },
    /** The error line's id while it shows an error, for the field it is about. */
    errorIdWhenShown: (id: string) => (error() ? id : undefined),
  };
}

type Outcome = ReturnType<typeof createOutcome>;

/** A form's submit button, then its outcome lines. */
function SubmitWithOutcome(props: { label: string; id: string; outcome: Outcome }): JSX.Element {
  return (
    <>
      <div class="detail-actions">
        <button type="submit" class="btn" disabled={props.outcome.busy()}>
          {props.label}
        </button>
      </div>
      <OutcomeLines id={props.id} outcome={props.outcome} />
    </>
  );
}

function OutcomeLines(props: { id: string; outcome: Outcome }): JSX.Element {
  return (
    <>
      <p class="hint" role="status">
        {props.outcome.done() ?? ''}
      </p>
      <p id={props.id} class="field-error" role="alert">
        {props.outcome.error() ?? ''}
      </p>
    </>
  );
}

export function AccountSettings(props: { services: SyncServices; user: AuthUser }): JSX.Element {
  const actions = createMemo(() => accountActionsFor(props.services));
  return (
    <div class="account-settings">
      <LinkOutcomeNotice />
      <Show when={!props.user.emailConfirmed}>
        <ConfirmEmail actions={actions()} email={props.user.email} />
      </Show>
      <ChangePassword actions={actions()} />
      <ChangeEmail actions={actions()} />
      <DownloadData actions={actions()} />
      <DeleteAccount actions={actions()} />
    </div>
  );
}

const LINK_DONE = {
  signup: 'Your email address is confirmed.',
  recovery: 'You opened a password reset link. Choose a new password below.',
  email_change: 'Your email address is changed.',
} as const;

function LinkOutcomeNotice(): JSX.Element {
  return (
    <Show when={accountLinkOutcome()}>
      {(outcome) => {
        const o = outcome();
        return (
          <p class={o.ok ? 'hint' : 'field-error'} role={o.ok ? 'status' : 'alert'}>
            {o.ok ? LINK_DONE[o.type] : describeAccountFailure(o.code)}
          </p>
        );
      }}
    </Show>
  );
}

/** A section of a sentence and one button, the button's outcome announced below it. */
function OneActionSection(props: {
  id: string;
  title: string;
  label: string;
  outcome: Outcome;
  onClick: () => void;
  children: JSX.Element;
}): JSX.Element {
  return (
    <section aria-labelledby={`${props.id}-heading`}>
      <h3 id={`${props.id}-heading`}>{props.title}</h3>
      <p>{props.children}</p>
      <div class="detail-actions">
        <button
          type="button"
          class="btn"
          disabled={props.outcome.busy()}
          onClick={() => props.onClick()}
        >
          {props.label}
        </button>
      </div>
      <OutcomeLines id={`${props.id}-error`} outcome={props.outcome} />
    </section>
  );
}

function ConfirmEmail(props: { actions: AccountActions; email: string }): JSX.Element {
  const outcome = createOutcome();
  return (
    <OneActionSection
      id="confirm-email"
      title="Email address"
      label="Send confirmation email"
      outcome={outcome}
      onClick={() =>
        void outcome.run(
          props.actions.resendConfirmation(props.email),
          `A confirmation link is on its way to ${props.email}.`,
        )
      }
    >
      Your email address is not confirmed yet. Confirming it lets you reset a forgotten password.
    </OneActionSection>
  );
}

function ChangePassword(props: { actions: AccountActions }): JSX.Element {
  const [password, setPassword] = createSignal('');
  const outcome = createOutcome();
  let input: HTMLInputElement | undefined;
  // After a recovery link the one thing to do here is choose a password.
  createEffect(() => {
    const link = accountLinkOutcome();
    if (link?.ok && link.type === 'recovery') input?.focus();
  });
  return (
    <section aria-labelledby="change-password-heading">
      <h3 id="change-password-heading">Password</h3>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          if (!password()) return outcome.fail('Type the new password first.');
          const ok = await outcome.run(
            props.actions.changePassword(password()),
            'Password changed. Your other devices are signed out.',
          );
          if (ok) {
            setPassword('');
            dismissAccountLinkOutcome();
          }
        }}
      >
        <AccountField
          field="newPassword"
          value={[password, setPassword]}
          errorId={outcome.errorIdWhenShown('change-password-error')}
          ref={(el) => (input = el)}
        />
        <SubmitWithOutcome label="Change password" id="change-password-error" outcome={outcome} />
      </form>
    </section>
  );
}

function ChangeEmail(props: { actions: AccountActions }): JSX.Element {
  const [email, setEmail] = createSignal('');
  const outcome = createOutcome();
  return (
    <section aria-labelledby="change-email-heading">
      <h3 id="change-email-heading">Change email</h3>
      <form
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          const next = email().trim();
          if (!next) return outcome.fail('Type the new email address first.');
          await outcome.run(
            props.actions.changeEmail(next),
            `Open the link sent to ${next} to finish. Until then your address stays the same.`,
          );
        }}
      >
        <AccountField
          field="newEmail"
          value={[email, setEmail]}
          errorId={outcome.errorIdWhenShown('change-email-error')}
        />
        <SubmitWithOutcome label="Change email" id="change-email-error" outcome={outcome} />
      </form>
    </section>
  );
}

function DownloadData(props: { actions: AccountActions }): JSX.Element {
  const outcome = createOutcome();
  async function download() {
    const pending = props.actions.downloadData();
    await outcome.run(
      pending.then((result): AccountResult => {
        if (!result.ok) return result;
        const url = URL.createObjectURL(result.blob);
        const link = document.createElement('a');
        link.href = url;
        link.download = result.filename;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        return { ok: true };
      }),
      'Your data is downloaded.',
    );
  }
  return (
    <OneActionSection
      id="download-data"
      title="Your data on the server"
      label="Download my data"
      outcome={outcome}
      onClick={() => void download()}
    >
      Everything the server keeps for you, in Tend’s export format (Settings → Data imports it).
    </OneActionSection>
  );
}

function DeleteAccount(props: { actions: AccountActions }): JSX.Element {
  const [open, setOpen] = createSignal(false);
  const [password, setPassword] = createSignal('');
  const [keep, setKeep] = createSignal(true);
  const outcome = createOutcome();
  let input: HTMLInputElement | undefined;
  return (
    <section aria-labelledby="delete-account-heading">
      <h3 id="delete-account-heading">Delete account</h3>
      <p>
        Deletes your account and every task on the server, for good. Download your data first if you
        want a copy.
      </p>
      <Show
        when={open()}
        fallback={
          <div class="detail-actions">
            <button
              type="button"
              class="btn btn-danger"
              onClick={() => {
                setOpen(true);
                input?.focus();
              }}
            >
              Delete account…
            </button>
          </div>
        }
      >
        <form
          noValidate
          onSubmit={async (event) => {
            event.preventDefault();
            if (!password()) return outcome.fail('Type your password to confirm.');
            const keepLocalCopy = keep();
            const ok = await outcome.run(
              props.actions.deleteAccount(password(), { keepLocalCopy }),
              'Your account is deleted.',
              (code) => (code === 'invalid_credentials' ? 'wrong_password' : code),
            );
            if (ok) {
              setAccountNotice(
                keepLocalCopy
                  ? 'Your account is deleted. Your tasks stay on this device.'
                  : 'Your account is deleted, and its tasks are gone from this device.',
              );
            }
          }}
        >
          <AccountField
            field="deletePassword"
            value={[password, setPassword]}
            errorId={outcome.errorIdWhenShown('delete-account-error')}
            ref={(el) => {
              input = el;
              queueMicrotask(() => el.focus());
            }}
          />
          <fieldset class="theme-options">
            <legend>The tasks on this device</legend>
            <label class="theme-option">
              <input
                type="radio"
                name="delete-local-copy"
                checked={keep()}
                onChange={() => setKeep(true)}
              />
              Keep them on this device
            </label>
            <label class="theme-option">
              <input
                type="radio"
                name="delete-local-copy"
                checked={!keep()}
                onChange={() => setKeep(false)}
              />
              Delete them from this device too
            </label>
          </fieldset>
          <div class="detail-actions">
            <button type="submit" class="btn btn-danger" disabled={outcome.busy()}>
              Delete account permanently
            </button>
            <button type="button" class="btn" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      </Show>
      <OutcomeLines id="delete-account-error" outcome={outcome} />
    </section>
  );
}
