// @vitest-environment happy-dom
import { deferred, fakeMethods, inputsOf } from '../../test/fake-reader.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountState, SerializedError } from '../../../electron/core/contract.js';
import { SignUpWizard } from './SignUpWizard.js';

const SIGNED_IN: AccountState = {
  signedIn: true,
  profile: { email: 'ada@example.com', name: 'Ada', softwareBackground: 'beginner', hardwareBackground: 'hobbyist', softwareDetail: 'Python', hardwareDetail: null },
  verified: 'online',
  tokenExpired: false,
  offlineReason: null,
  remoteUrl: 'https://reader.example',
  keychain: { persistent: true, notice: null },
};

afterEach(cleanup);

const byId = (id: string) => screen.getByTestId(id);
const stepTitle = () => byId('signup-step-title').textContent;
const type = (id: string, value: string) => fireEvent.change(byId(id), { target: { value } });
const next = () => act(async () => void fireEvent.click(byId('signup-next')));

/** Fills every step as Ada would and stops on the review. */
async function fillToReview() {
  type('signup-name', '  Ada ');
  type('signup-email', ' ada@example.com ');
  type('signup-password', 'long enough secret');
  await next();
  fireEvent.click(byId('software-beginner'));
  type('software-detail', ' Python ');
  await next();
  fireEvent.click(byId('hardware-hobbyist'));
  await next();
}

function renderWizard(answer: () => Promise<AccountState>, remoteUrl?: string) {
  fakeMethods({ signUp: answer });
  const onDone = vi.fn();
  render(<SignUpWizard onDone={onDone} remoteUrl={remoteUrl} />);
  return onDone;
}

/** A failed sign-up as either host rejects it: the engine's SerializedError, which the page's `reader` re-throws. */
const refusal = (error: SerializedError) => (): Promise<AccountState> => Promise.reject(error);

describe('SignUpWizard', () => {
  it('lets the reader continue from the account step only with a name, an email and a password that meets the rules', async () => {
    renderWizard(async () => SIGNED_IN);
    const button = byId('signup-next') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    type('signup-name', 'Ada');
    type('signup-email', 'ada@example');
    type('signup-password', 'short');
    expect(byId('password-rule-min').dataset.met).toBe('false');
    expect(button.disabled).toBe(true);
    type('signup-password', 'long enough secret');
    expect(byId('password-rule-min').dataset.met).toBe('true');
    expect(button.disabled).toBe(true);
    type('signup-email', 'ada@example.com');
    expect(button.disabled).toBe(false);
    await next();
    expect(stepTitle()).toBe('Step 2 of 4: Software background');
    // Each background step needs an answer before going on.
    expect(button.disabled).toBe(true);
  });

  it('walks the four steps, goes back without losing answers, and sends exactly what was reviewed', async () => {
    const answer = deferred<AccountState>();
    const onDone = renderWizard(() => answer.promise, 'https://other.example');
    await fillToReview();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    fireEvent.click(byId('signup-back'));
    expect(stepTitle()).toBe('Step 3 of 4: Hardware background');
    expect((byId('hardware-hobbyist') as HTMLInputElement).checked).toBe(true);
    await next();
    expect(byId('signup-review').textContent).toMatch(/Beginner \(\s*Python\s*\)Hardware\s*Hobbyist/);
    await next();
    expect(byId('signup-next').textContent).toBe('Creating…');
    expect((byId('signup-next') as HTMLButtonElement).disabled).toBe(true);
    expect(inputsOf('signUp')).toEqual([
      {
        email: 'ada@example.com',
        password: 'long enough secret',
        name: 'Ada',
        softwareBackground: 'beginner',
        hardwareBackground: 'hobbyist',
        softwareDetail: 'Python',
        remoteUrl: 'https://other.example',
      },
    ]);
    expect(onDone).not.toHaveBeenCalled();
    await act(async () => answer.resolve(SIGNED_IN));
    expect(onDone).toHaveBeenCalledWith(SIGNED_IN);
  });

  it('sends a refused email back to the account step, the message next to the field', async () => {
    // The service's one refusal of any sign-up names no field; the engine puts it on the email (account-errors.ts).
    const message = 'Could not create an account with this email and password; if you already have an account, sign in instead.';
    renderWizard(refusal({ code: 'invalid_input', message, details: { kind: 'rejected', field: 'email' } }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 1 of 4: Account');
    expect(byId('signup-error-email').textContent).toBe(message);
    expect(byId('signup-email').getAttribute('aria-invalid')).toBe('true');
    expect(byId('signup-email').getAttribute('aria-describedby')).toBe('signup-email-error');
    // The answers are still there: the reader fixes the email and goes on.
    expect((byId('signup-name') as HTMLInputElement).value).toBe('  Ada ');
    expect((byId('signup-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('sends a refused password back to the account step by the field it names, the message under the password', async () => {
    renderWizard(refusal({ code: 'invalid_input', message: 'Invalid input: password: Too small.', details: { field: 'password' } }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 1 of 4: Account');
    expect(byId('signup-error-password').textContent).toBe('Invalid input: password: Too small.');
    expect(screen.queryByTestId('signup-error-email')).toBeNull();
  });

  it('keeps a refusal that names no field on the review step, whatever words its message uses', async () => {
    renderWizard(refusal({ code: 'invalid_input', message: 'Password is too common.', details: { kind: 'rejected' } }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    expect(byId('signup-error').textContent).toBe('Password is too common.');
    expect((byId('signup-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('sends a refused background back to its step', async () => {
    renderWizard(refusal({ code: 'invalid_input', message: 'Unknown level.', details: { kind: 'rejected', field: 'hardwareBackground' } }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 3 of 4: Hardware background');
    expect(byId('signup-error').textContent).toBe('Unknown level.');
  });

  it('keeps other failures on the review step, worded for the reader, and lets them try again', async () => {
    renderWizard(refusal({ code: 'rate_limited', message: 'slow down', details: { kind: 'rate_limited', retryAfterSeconds: 30 } }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    expect(byId('signup-error').textContent).toBe('Too many requests: try again in 30 seconds.');
    expect(byId('signup-next').textContent).toBe('Create account');
    expect((byId('signup-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('words an unreachable reader by its code on the review step', async () => {
    // What the web host's bridge rejects with when the reader does not answer at all (bridge.ts).
    renderWizard(refusal({ code: 'unavailable', message: 'The reader did not answer. Is it still running?', details: {} }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    expect(byId('signup-error').textContent).toBe('The service is not available right now (The reader did not answer. Is it still running?). Try again later.');
  });

  it('shows a failure that is not a SerializedError (a broken bridge) on the review step with its message', async () => {
    renderWizard(() => Promise.reject(new Error('The reader engine stopped.')));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    expect(byId('signup-error').textContent).toBe('The reader engine stopped.');
  });
});
