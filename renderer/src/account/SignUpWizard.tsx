/**
 * Sign-up in four steps: account (name, email, password with live rules) -> software background -> hardware
 * background -> review. A rejection from the service sends the reader back to the step with the field at fault.
 */
import { useState, type FormEvent } from 'react';
import type { AccountState, HardwareBackground, SoftwareBackground } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { toReaderError, type ReaderError } from '../reader-error.js';
import { BackgroundChoice } from './BackgroundChoice.js';
import { HARDWARE_OPTIONS, SOFTWARE_OPTIONS, hardwareLabel, softwareLabel } from './background-options.js';
import { FormError } from './FormError.js';
import { PASSWORD_RULES, emailLooksOk, passwordOk } from './password-rules.js';
import { describeError } from './useJob.js';

type Step = 'account' | 'software' | 'hardware' | 'review';
const STEPS: { id: Step; title: string }[] = [
  { id: 'account', title: 'Account' },
  { id: 'software', title: 'Software background' },
  { id: 'hardware', title: 'Hardware background' },
  { id: 'review', title: 'Review' },
];

/** Which step the field a refusal names belongs to; one naming no field is shown on the review step. */
function stepFor(error: ReaderError): { step: Step; field: string | null } {
  const field = error.details.field ?? null;
  if (field === 'name' || field === 'email' || field === 'password') return { step: 'account', field };
  if (field?.startsWith('software')) return { step: 'software', field };
  if (field?.startsWith('hardware')) return { step: 'hardware', field };
  return { step: 'review', field: null };
}

interface Props {
  onDone(state: AccountState): void;
  /** A service address the reader chose, when not the configured one. */
  remoteUrl?: string | undefined;
}

export function SignUpWizard({ onDone, remoteUrl }: Props) {
  const [step, setStep] = useState<Step>('account');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [software, setSoftware] = useState<SoftwareBackground | null>(null);
  const [hardware, setHardware] = useState<HardwareBackground | null>(null);
  const [softwareDetail, setSoftwareDetail] = useState('');
  const [hardwareDetail, setHardwareDetail] = useState('');
  const [error, setError] = useState<{ field: string | null; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const index = STEPS.findIndex((s) => s.id === step);
  const accountOk = name.trim().length > 0 && emailLooksOk(email) && passwordOk(password);
  const canContinue = step === 'account' ? accountOk : step === 'software' ? software !== null : step === 'hardware' ? hardware !== null : true;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!canContinue) return;
    if (step !== 'review') {
      setStep(STEPS[index + 1]!.id);
      return;
    }
    if (!software || !hardware) return;
    setBusy(true);
    setError(null);
    try {
      const state = await reader.signUp({
        email: email.trim(),
        password,
        name: name.trim(),
        softwareBackground: software,
        hardwareBackground: hardware,
        ...(softwareDetail.trim() ? { softwareDetail: softwareDetail.trim() } : {}),
        ...(hardwareDetail.trim() ? { hardwareDetail: hardwareDetail.trim() } : {}),
        ...(remoteUrl ? { remoteUrl } : {}),
      });
      setPassword('');
      onDone(state);
    } catch (err) {
      const error = toReaderError(err);
      const at = stepFor(error);
      setStep(at.step);
      setError({ field: at.field, message: describeError(error) });
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (field: string) =>
    error?.field === field ? (
      <p className="form-error" id={`signup-${field}-error`} role="alert" data-testid={`signup-error-${field}`}>
        {error.message}
      </p>
    ) : null;
  const describedBy = (field: string) => (error?.field === field ? `signup-${field}-error` : undefined);

  return (
    <form className="signup" onSubmit={submit} noValidate data-testid="signup-form">
      <ol className="signup-steps" aria-label="Sign-up steps">
        {STEPS.map((s, i) => (
          <li key={s.id} aria-current={s.id === step ? 'step' : undefined} className={i < index ? 'done' : undefined}>
            {s.title}
          </li>
        ))}
      </ol>
      <h3 data-testid="signup-step-title">
        Step {index + 1} of {STEPS.length}: {STEPS[index]!.title}
      </h3>

      {step === 'account' && (
        <>
          <div className="field">
            <label htmlFor="signup-name">Name</label>
            <input id="signup-name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} aria-describedby={describedBy('name')} data-autofocus data-testid="signup-name" />
            {fieldError('name')}
          </div>
          <div className="field">
            <label htmlFor="signup-email">Email</label>
            <input id="signup-email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} aria-invalid={error?.field === 'email' || undefined} aria-describedby={describedBy('email')} data-testid="signup-email" />
            {fieldError('email')}
          </div>
          <div className="field">
            <label htmlFor="signup-password">Password</label>
            <input id="signup-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-describedby="signup-password-rules" data-testid="signup-password" />
            <ul id="signup-password-rules" className="password-rules" aria-live="polite">
              {PASSWORD_RULES.map((rule) => {
                const met = rule.test(password);
                return (
                  <li key={rule.id} className={met ? 'met' : 'unmet'} data-testid={`password-rule-${rule.id}`} data-met={met}>
                    <span aria-hidden="true">{met ? '✓' : '✗'}</span> {rule.text}
                    <span className="visually-hidden">{met ? ' (met)' : ' (not met yet)'}</span>
                  </li>
                );
              })}
            </ul>
            {fieldError('password')}
          </div>
        </>
      )}

      {step === 'software' && (
        <BackgroundChoice<SoftwareBackground> name="software" legend="How much programming have you done?" options={SOFTWARE_OPTIONS} value={software} onChange={setSoftware} detail={softwareDetail} onDetail={setSoftwareDetail} detailLabel="Languages or tools you use" />
      )}

      {step === 'hardware' && (
        <BackgroundChoice<HardwareBackground> name="hardware" legend="What hardware have you worked with?" options={HARDWARE_OPTIONS} value={hardware} onChange={setHardware} detail={hardwareDetail} onDetail={setHardwareDetail} detailLabel="Boards, robots or machines you have" />
      )}
      {(step === 'software' || step === 'hardware') && error?.field?.startsWith(step) && <FormError message={error.message} testId="signup-error" />}

      {step === 'review' && (
        <dl className="signup-review" data-testid="signup-review">
          <dt>Name</dt>
          <dd>{name}</dd>
          <dt>Email</dt>
          <dd>{email}</dd>
          <dt>Software</dt>
          <dd>{software ? softwareLabel(software) : ''}{softwareDetail ? ` (${softwareDetail})` : ''}</dd>
          <dt>Hardware</dt>
          <dd>{hardware ? hardwareLabel(hardware) : ''}{hardwareDetail ? ` (${hardwareDetail})` : ''}</dd>
        </dl>
      )}
      {step === 'review' && error?.field === null && <FormError message={error.message} testId="signup-error" />}

      <div className="field-row">
        {index > 0 && (
          <button type="button" onClick={() => setStep(STEPS[index - 1]!.id)} data-testid="signup-back">
            Back
          </button>
        )}
        <button type="submit" disabled={!canContinue || busy} data-testid="signup-next">
          {step === 'review' ? (busy ? 'Creating…' : 'Create account') : 'Continue'}
        </button>
      </div>
    </form>
  );
}
