import { type Approval, approveWithPin, type StaffMember } from '@allure/shared/approval';
import { type SubmitEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approversFor } from '../till/approvals.js';
import { useTill } from './till-context.js';
import { useStaffPin } from './use-staff-pin.js';

/**
 * A manager approves a cashier's refund on the till: picks themselves, types their PIN, checked here against
 * the verifier the server replicated (approval.ts), offline too, under the till's one PIN lock-out
 * (use-staff-pin.ts).
 */
export function RefundApproval({
  onApproved,
  onCancel,
}: {
  onApproved: (approval: Approval) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { profile, cashier } = useTill();
  const approvers = useMemo(() => approversFor(profile.staff, cashier), [profile.staff, cashier]);
  const [chosenId, setChosenId] = useState(approvers[0]?.id ?? '');
  const chosen: StaffMember | undefined = approvers.find((member) => member.id === chosenId);
  const { pin, setPin, checking, refusal, check } = useStaffPin((approver, typed) =>
    approveWithPin({ approver, pin: typed, action: 'refund', now: new Date() }),
  );

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    const approval = await check(chosen);
    if (approval) onApproved(approval);
  }

  return (
    <form
      onSubmit={submit}
      onKeyDown={(event) => event.key === 'Escape' && onCancel()}
      data-testid="refund-approval"
    >
      <h2 id="approval-title">{t('returns.approvalTitle')}</h2>
      <p className="muted">{t('returns.approvalHint')}</p>
      {approvers.length === 0 ? (
        <p className="error" role="alert">
          {t('returns.noApprover')}
        </p>
      ) : (
        <>
          <label>
            {t('returns.approver')}
            <select name="approver" value={chosenId} onChange={(event) => setChosenId(event.target.value)}>
              {approvers.map((member) => (
                <option key={member.id} value={member.id}>
                  {member.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('returns.pin')}
            <input
              name="approval-pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={8}
              value={pin}
              onChange={(event) => setPin(event.target.value)}
              autoFocus
              disabled={checking}
            />
          </label>
        </>
      )}
      {refusal && (
        <p className="error" role="alert">
          {refusal.kind === 'locked'
            ? t('returns.lockedOut', { minutes: refusal.minutes })
            : t('returns.wrongPin')}
        </p>
      )}
      <div className="row">
        <button type="button" className="ghost" onClick={onCancel}>
          {t('returns.cancel')}
        </button>
        <button type="submit" className="primary" disabled={checking || !chosen || pin.length < 4}>
          {checking ? t('returns.checking') : t('returns.approve')}
        </button>
      </div>
    </form>
  );
}
