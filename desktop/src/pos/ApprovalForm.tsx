import type { Approval, RequiredApproval, StaffMember } from '@allure/shared/approval';
import { type SubmitEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { approveAll, approversFor } from '../till/approvals.js';
import { useTill } from './till-context.js';
import { usePercent } from './use-percent.js';
import { useStaffPin } from './use-staff-pin.js';

/**
 * A manager approves on the till: picks themselves, types their PIN, checked here against the replicated
 * verifier (offline too) and under the same lock-out as signing in (use-staff-pin.ts). One PIN covers all
 * of `required`.
 */
export function ApprovalForm(props: {
  required: readonly RequiredApproval[];
  onApproved: (approvals: Approval[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { profile, cashier } = useTill();
  const percent = usePercent();
  const approvers = approversFor(profile.staff, cashier);
  const [chosen, setChosen] = useState<StaffMember | null>(
    approvers.length === 1 ? (approvers[0] ?? null) : null,
  );
  const { pin, setPin, checking, refusal, check } = useStaffPin((approver, typed) =>
    approveAll({ required: props.required, approver, pin: typed, now: new Date() }),
  );

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    const approvals = await check(chosen);
    if (approvals) props.onApproved(approvals);
  }

  return (
    <div className="approval" data-testid="approval">
      <h3>{t('tillTools.approval.title')}</h3>
      <p>
        {t('tillTools.approval.why', {
          count: props.required.length,
          name: cashier.name,
          limit: percent(cashier.discountLimitBps),
        })}
      </p>
      {approvers.length === 0 ? (
        <p className="error" role="alert">
          {t('tillTools.approval.noManager')}
        </p>
      ) : !chosen ? (
        <fieldset className="approvers">
          <legend>{t('tillTools.approval.pickManager')}</legend>
          {approvers.map((member, index) => (
            <button
              key={member.id}
              type="button"
              className="staff"
              onClick={() => setChosen(member)}
              autoFocus={index === 0}
            >
              {member.name}
            </button>
          ))}
        </fieldset>
      ) : (
        <form onSubmit={submit}>
          <label>
            {t('tillTools.approval.pin', { name: chosen.name })}
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
          {refusal && (
            <p className="error" role="alert">
              {refusal.kind === 'locked'
                ? t('tillTools.approval.lockedOut', { minutes: refusal.minutes })
                : t('tillTools.approval.wrong')}
            </p>
          )}
          <div className="row">
            {approvers.length > 1 && (
              <button type="button" className="ghost" onClick={() => setChosen(null)}>
                {t('tillTools.approval.back')}
              </button>
            )}
            <button type="button" className="ghost" onClick={props.onCancel}>
              {t('tillTools.close')}
            </button>
            <button type="submit" className="primary" disabled={checking || pin.length < 4}>
              {checking ? t('tillTools.approval.checking') : t('tillTools.approval.approve')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
