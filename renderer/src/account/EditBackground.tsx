/** Change the background later; the next tokens (and so the next personalized text) carry the change. */
import { useState } from 'react';
import type { AccountState, HardwareBackground, Profile, SoftwareBackground } from '../../../electron/core/contract.js';
import { reader } from '../reader.js';
import { BackgroundChoice } from './BackgroundChoice.js';
import { HARDWARE_OPTIONS, SOFTWARE_OPTIONS } from './background-options.js';
import { FormError } from './FormError.js';
import { useAccountForm } from './useAccountForm.js';

export function EditBackground({ profile, onDone }: { profile: Profile; onDone(state: AccountState | null): void }) {
  const [software, setSoftware] = useState<SoftwareBackground>(profile.softwareBackground);
  const [hardware, setHardware] = useState<HardwareBackground>(profile.hardwareBackground);
  const [softwareDetail, setSoftwareDetail] = useState(profile.softwareDetail ?? '');
  const [hardwareDetail, setHardwareDetail] = useState(profile.hardwareDetail ?? '');
  const { error, busy, submit } = useAccountForm({
    send: () =>
      reader.updateBackground({
        softwareBackground: software,
        hardwareBackground: hardware,
        softwareDetail: softwareDetail.trim(),
        hardwareDetail: hardwareDetail.trim(),
      }),
    onOk: onDone,
  });

  return (
    <form onSubmit={submit} data-testid="edit-background">
      <BackgroundChoice<SoftwareBackground> name="software" legend="Software background" options={SOFTWARE_OPTIONS} value={software} onChange={setSoftware} detail={softwareDetail} onDetail={setSoftwareDetail} detailLabel="Languages or tools you use" />
      <BackgroundChoice<HardwareBackground> name="hardware" legend="Hardware background" options={HARDWARE_OPTIONS} value={hardware} onChange={setHardware} detail={hardwareDetail} onDetail={setHardwareDetail} detailLabel="Boards, robots or machines you have" />
      <FormError message={error} testId="edit-background-error" />
      <div className="field-row">
        <button type="button" onClick={() => onDone(null)}>
          Cancel
        </button>
        <button type="submit" disabled={busy} data-testid="edit-background-save">
          {busy ? 'Saving…' : 'Save background'}
        </button>
      </div>
    </form>
  );
}
