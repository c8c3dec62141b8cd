import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemText } from '../FormParts.js';
import { useOffice } from '../office-context.js';
import { ActiveForm, PinForm, StaffForm } from './StaffForm.js';
import { teamProblemOf } from './team-problems.js';
import type { StaffMember } from './team-types.js';
import { useReloadable } from './use-reloadable.js';
import { useStoreCodes } from './use-store-codes.js';

type Open = { kind: 'new' } | { kind: 'edit' | 'pin' | 'deactivate'; member: StaffMember } | null;

/** The store's staff, their role and status, and what a manager or admin may change about them. */
export function StaffPanel() {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const storeCodes = useStoreCodes();
  const {
    data: staff,
    failure,
    reload,
  } = useReloadable(() => session.api.staff.list.query(storeId ? { storeId } : {}), [session, storeId]);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const isAdmin = session.user.role === 'admin';

  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
    reload();
  };
  const show = (next: Open) => {
    setNotice(null);
    setOpen(next);
  };
  const mayChange = (member: StaffMember) => isAdmin || member.role === 'cashier';

  return (
    <section className="card team-panel" aria-labelledby="staff-title" data-testid="staff-panel">
      <header className="panel-head">
        <div>
          <h2 id="staff-title">{t('team.staff.title')}</h2>
          <p className="muted">{t('team.staff.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => show({ kind: 'new' })}>
          {t('team.staff.add')}
        </button>
      </header>
      {open?.kind === 'new' && <StaffForm onDone={done} onCancel={() => setOpen(null)} />}
      {open?.kind === 'edit' && (
        <StaffForm key={open.member.id} member={open.member} onDone={done} onCancel={() => setOpen(null)} />
      )}
      {open?.kind === 'pin' && (
        <PinForm key={open.member.id} member={open.member} onDone={done} onCancel={() => setOpen(null)} />
      )}
      {open?.kind === 'deactivate' && (
        <ActiveForm
          key={open.member.id}
          member={open.member}
          active={false}
          onDone={done}
          onCancel={() => setOpen(null)}
        />
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {failure !== null && (
        <p>
          <ProblemText area="team" problem={teamProblemOf(failure)} />
        </p>
      )}
      {staff && staff.length === 0 && <p className="muted">{t('team.staff.none')}</p>}
      {staff && staff.length > 0 && (
        <table className="team-table">
          <thead>
            <tr>
              <th>{t('team.staff.name')}</th>
              {storeCodes && <th>{t('team.staff.store')}</th>}
              <th>{t('team.staff.role')}</th>
              <th>{t('team.staff.pin')}</th>
              <th>{t('team.staff.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {staff.map((member) => (
              <tr
                key={member.id}
                data-staff={member.email}
                className={member.active ? undefined : 'inactive'}
              >
                <td>
                  <strong>{member.name}</strong>
                  {member.id === session.user.id && <span className="muted"> ({t('team.staff.you')})</span>}
                  <div className="muted small">{member.email}</div>
                </td>
                {storeCodes && (
                  <td className="mono">{member.storeId ? storeCodes.get(member.storeId) : '—'}</td>
                )}
                <td>
                  <span className={`badge role-${member.role}`}>{t(`team.roles.${member.role}`)}</span>
                </td>
                <td>
                  {member.hasPin ? (
                    t('team.staff.hasPin')
                  ) : (
                    <span className="muted">{t('team.staff.noPin')}</span>
                  )}
                </td>
                <td>
                  <span className={`badge ${member.active ? 'on' : 'off'}`}>
                    {member.active ? t('team.staff.active') : t('team.staff.inactive')}
                  </span>
                </td>
                <td className="actions">
                  {mayChange(member) && (
                    <button type="button" className="ghost" onClick={() => show({ kind: 'edit', member })}>
                      {t('team.staff.edit')}
                    </button>
                  )}
                  {member.role !== 'admin' && (mayChange(member) || member.id === session.user.id) && (
                    <button type="button" className="ghost" onClick={() => show({ kind: 'pin', member })}>
                      {t('team.staff.setPin')}
                    </button>
                  )}
                  {mayChange(member) && member.id !== session.user.id && member.active && (
                    <button
                      type="button"
                      className="ghost danger-text"
                      onClick={() => show({ kind: 'deactivate', member })}
                    >
                      {t('team.staff.deactivate')}
                    </button>
                  )}
                  {mayChange(member) && !member.active && <ActiveForm member={member} active onDone={done} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
