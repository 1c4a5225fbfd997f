// @vitest-environment happy-dom
import { deferred, fakeMethods, inputsOf } from '../../test/fake-reader';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AccountError, AccountResult, AccountState } from '../../../electron/core/contract';
import { SignUpWizard } from './SignUpWizard';

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

function renderWizard(answer: () => Promise<AccountResult<AccountState>>, remoteUrl?: string) {
  fakeMethods({ signUp: answer });
  const onDone = vi.fn();
  render(<SignUpWizard onDone={onDone} remoteUrl={remoteUrl} />);
  return onDone;
}

const refusal = (error: AccountError) => async (): Promise<AccountResult<AccountState>> => ({ ok: false, error });

describe('SignUpWizard', () => {
  it('lets the reader continue from the account step only with a name, an email and a password that meets the rules', async () => {
    renderWizard(async () => ({ ok: true, value: SIGNED_IN }));
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
    const answer = deferred<AccountResult<AccountState>>();
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
    await act(async () => answer.resolve({ ok: true, value: SIGNED_IN }));
    expect(onDone).toHaveBeenCalledWith(SIGNED_IN);
  });

  it('sends a refused email back to the account step, the message next to the field', async () => {
    renderWizard(refusal({ kind: 'rejected', message: 'That email is already registered.', field: 'email' }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 1 of 4: Account');
    expect(byId('signup-error-email').textContent).toBe('That email is already registered.');
    expect(byId('signup-email').getAttribute('aria-invalid')).toBe('true');
    expect(byId('signup-email').getAttribute('aria-describedby')).toBe('signup-email-error');
    // The answers are still there: the reader fixes the email and goes on.
    expect((byId('signup-name') as HTMLInputElement).value).toBe('  Ada ');
    expect((byId('signup-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('finds the step of a refusal that names no field by the word in its message', async () => {
    renderWizard(refusal({ kind: 'rejected', message: 'Password is too common.' }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 1 of 4: Account');
    expect(byId('signup-error-password').textContent).toBe('Password is too common.');
  });

  it('sends a refused background back to its step', async () => {
    renderWizard(refusal({ kind: 'rejected', message: 'Unknown level.', field: 'hardwareBackground' }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 3 of 4: Hardware background');
    expect(byId('signup-error').textContent).toBe('Unknown level.');
  });

  it('keeps other failures on the review step, worded for the reader, and lets them try again', async () => {
    renderWizard(refusal({ kind: 'rate_limited', message: 'slow down', retryAfterSeconds: 30 }));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    expect(byId('signup-error').textContent).toBe('Too many requests: try again in 30 seconds.');
    expect(byId('signup-next').textContent).toBe('Create account');
    expect((byId('signup-next') as HTMLButtonElement).disabled).toBe(false);
  });

  it('shows a thrown error on the review step', async () => {
    renderWizard(() => Promise.reject(new Error('The reader engine stopped.')));
    await fillToReview();
    await next();
    expect(stepTitle()).toBe('Step 4 of 4: Review');
    expect(byId('signup-error').textContent).toBe('The reader engine stopped.');
  });
});
