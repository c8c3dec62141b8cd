import type { StaffMember } from '@allure/shared/approval';
import { verifyPin } from '@allure/shared/pin';
import { type SubmitEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStaffPin } from './use-staff-pin.js';

/**
 * Who sells: pick yourself, type your PIN. Checked on the till against the replicated verifier, offline too,
 * under the till's one PIN lock-out (use-staff-pin.ts).
 */
export function PinScreen({
  staff,
  onSignedIn,
}: {
  staff: readonly StaffMember[];
  onSignedIn: (member: StaffMember) => void;
}) {
  const { t } = useTranslation();
  const people = useMemo(() => staff.filter((member) => member.active && member.pinVerifier), [staff]);
  const [chosen, setChosen] = useState<StaffMember | null>(null);
  const { pin, setPin, checking, refusal, clearRefusal, check } = useStaffPin(async (member, typed) =>
    member.pinVerifier !== null && (await verifyPin(typed, member.pinVerifier)) ? member : null,
  );

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen?.pinVerifier) return;
    const member = await check(chosen);
    if (member) onSignedIn(member);
  }

  if (people.length === 0) {
    return (
      <main className="centered">
        <p className="card narrow muted">{t('pin.noStaff')}</p>
      </main>
    );
  }
  if (!chosen) {
    return (
      <main className="centered">
        <section className="card" aria-labelledby="pin-title">
          <h1 id="pin-title">{t('pin.title')}</h1>
          <div className="staff-grid">
            {people.map((member, index) => (
              <button
                key={member.id}
                type="button"
                className="staff"
                onClick={() => {
                  setChosen(member);
                  clearRefusal();
                }}
                autoFocus={index === 0}
              >
                <span className="avatar" aria-hidden>
                  {member.name.slice(0, 1)}
                </span>
                <span>{member.name}</span>
                <span className="muted">{t(`pin.roles.${member.role}`)}</span>
              </button>
            ))}
          </div>
        </section>
      </main>
    );
  }
  return (
    <main className="centered">
      <form className="card narrow" onSubmit={submit}>
        <label>
          {t('pin.enterPin', { name: chosen.name })}
          <input
            name="pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            pattern="[0-9]{4,8}"
            maxLength={8}
            value={pin}
            onChange={(event) => setPin(event.target.value)}
            onKeyDown={(event) => event.key === 'Escape' && setChosen(null)}
            autoFocus
            disabled={checking}
          />
        </label>
        {refusal && (
          <p className="error" role="alert">
            {refusal.kind === 'locked' ? t('pin.lockedOut', { minutes: refusal.minutes }) : t('pin.wrong')}
          </p>
        )}
        <div className="row">
          <button type="button" className="ghost" onClick={() => setChosen(null)}>
            {t('pin.back')}
          </button>
          <button type="submit" className="primary" disabled={checking || pin.length < 4}>
            {checking ? t('pin.checking') : t('pin.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
