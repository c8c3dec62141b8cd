import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../app/use-submit.js';
import { Field, FormProblem, ProblemText, SubmitRow } from '../FormParts.js';
import { useOffice } from '../office-context.js';
import { useDateTime } from './date-time.js';
import { EnrollmentCode, type IssuedCode } from './EnrollmentCode.js';
import { teamProblemOf } from './team-problems.js';
import type { Terminal } from './team-types.js';
import { useReloadable } from './use-reloadable.js';
import { useStoreCodes } from './use-store-codes.js';

type Open =
  | { kind: 'new' }
  | { kind: 'revoke'; terminal: Terminal }
  | { kind: 'code'; code: IssuedCode }
  | null;

function statusOf(terminal: Terminal): 'revoked' | 'waiting' | 'active' {
  if (terminal.status === 'revoked') return 'revoked';
  return terminal.enrolledAt === null ? 'waiting' : 'active';
}

/** The store's tills: when each was last heard from, new ones with their enrollment code, revocation. */
export function TerminalsPanel() {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const storeCodes = useStoreCodes();
  const { dateTime } = useDateTime();
  const { data, failure, reload } = useReloadable(() => session.api.terminals.list.query(), [session]);
  const terminals = data?.filter((terminal) => storeId === null || terminal.storeId === storeId);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const issue = useSubmit(teamProblemOf);

  const show = (next: Open) => {
    setNotice(null);
    issue.setProblem(null);
    setOpen(next);
  };
  const issueFor = (terminal: Terminal) =>
    issue.submitWith(async () => {
      const issued = await session.api.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
      show({ kind: 'code', code: { ...issued, terminalName: terminal.name } });
    });

  return (
    <section className="card team-panel" aria-labelledby="terminals-title" data-testid="terminals-panel">
      <header className="panel-head">
        <div>
          <h2 id="terminals-title">{t('team.terminals.title')}</h2>
          <p className="muted">{t('team.terminals.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => show({ kind: 'new' })}>
          {t('team.terminals.add')}
        </button>
      </header>
      {open?.kind === 'new' && (
        <TerminalForm
          onCreated={(code) => {
            reload();
            show({ kind: 'code', code });
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.kind === 'code' && <EnrollmentCode issued={open.code} onClose={() => setOpen(null)} />}
      {open?.kind === 'revoke' && (
        <RevokeForm
          key={open.terminal.id}
          terminal={open.terminal}
          onDone={(message) => {
            setOpen(null);
            setNotice(message);
            reload();
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {notice && (
        <p className="ok" role="status">
          {notice}
        </p>
      )}
      {issue.problem && (
        <p>
          <ProblemText area="team" problem={issue.problem} />
        </p>
      )}
      {failure !== null && (
        <p>
          <ProblemText area="team" problem={teamProblemOf(failure)} />
        </p>
      )}
      {terminals && terminals.length === 0 && <p className="muted">{t('team.terminals.none')}</p>}
      {terminals && terminals.length > 0 && (
        <table className="team-table">
          <thead>
            <tr>
              <th>{t('team.terminals.code')}</th>
              <th>{t('team.terminals.name')}</th>
              {storeCodes && <th>{t('team.staff.store')}</th>}
              <th>{t('team.terminals.status')}</th>
              <th>{t('team.terminals.lastSeen')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {terminals.map((terminal) => {
              const status = statusOf(terminal);
              return (
                <tr
                  key={terminal.id}
                  data-terminal={terminal.code}
                  className={status === 'revoked' ? 'inactive' : undefined}
                >
                  <td>
                    <strong className="mono">{terminal.code}</strong>
                  </td>
                  <td>{terminal.name}</td>
                  {storeCodes && <td className="mono">{storeCodes.get(terminal.storeId)}</td>}
                  <td>
                    <span
                      className={`badge ${status === 'active' ? 'on' : status === 'waiting' ? 'wait' : 'off'}`}
                    >
                      {t(`team.terminals.${status}`)}
                    </span>
                  </td>
                  <td>
                    {terminal.lastSeenAt ? (
                      dateTime(terminal.lastSeenAt)
                    ) : (
                      <span className="muted">{t('team.terminals.never')}</span>
                    )}
                  </td>
                  <td className="actions">
                    <form className="inline-form" onSubmit={issueFor(terminal)}>
                      <button type="submit" className="ghost" disabled={issue.working}>
                        {t('team.terminals.issueCode')}
                      </button>
                    </form>
                    {status !== 'revoked' && (
                      <button
                        type="button"
                        className="ghost danger-text"
                        onClick={() => show({ kind: 'revoke', terminal })}
                      >
                        {t('team.terminals.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A new till in the store in view; its first enrollment code comes with it. */
function TerminalForm(props: { onCreated: (code: IssuedCode) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { working, problem, submitWith } = useSubmit(teamProblemOf);
  const needsStore = session.user.role === 'admin' && storeId === null;
  const submit = submitWith(async () => {
    const terminal = await session.api.terminals.create.mutate({
      code: code.toUpperCase(),
      name,
      ...(storeId ? { storeId } : {}),
    });
    const issued = await session.api.terminals.issueEnrollmentCode.mutate({ id: terminal.id });
    props.onCreated({ ...issued, terminalName: terminal.name });
  });
  return (
    <form className="card team-form" onSubmit={submit}>
      <div className="team-fields">
        <Field label={t('team.terminals.code')}>
          <input
            name="terminal-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
            pattern="[A-Za-z0-9]{1,8}"
            maxLength={8}
            placeholder="T03"
            autoFocus
          />
          <span className="muted small">{t('team.terminals.codeHint')}</span>
        </Field>
        <Field label={t('team.terminals.name')}>
          <input
            name="terminal-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={120}
            placeholder={t('team.terminals.namePlaceholder')}
          />
        </Field>
      </div>
      {needsStore && <p className="muted">{t('team.terminals.pickStoreFirst')}</p>}
      <FormProblem area="team" problem={problem} />
      <SubmitRow
        cancel={t('team.terminals.cancel')}
        onCancel={props.onCancel}
        submit={working ? t('team.terminals.creating') : t('team.terminals.create')}
        disabled={working || needsStore}
      />
    </form>
  );
}

/** Revoking, confirmed: the till is signed out at once and must be enrolled again. */
function RevokeForm(props: { terminal: Terminal; onDone: (notice: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { working, problem, submitWith } = useSubmit(teamProblemOf);
  const name = `${props.terminal.code} · ${props.terminal.name}`;
  const submit = submitWith(async () => {
    await session.api.terminals.revoke.mutate({ id: props.terminal.id });
    props.onDone(t('team.terminals.revoked_done', { name }));
  });
  return (
    <form className="card team-form confirm" onSubmit={submit}>
      <h3>{t('team.terminals.confirmRevoke', { name })}</h3>
      <p className="muted">{t('team.terminals.revokeHint')}</p>
      <FormProblem area="team" problem={problem} />
      <SubmitRow
        cancel={t('team.terminals.cancel')}
        onCancel={props.onCancel}
        submit={t('team.terminals.revoke')}
        danger
        disabled={working}
      />
    </form>
  );
}
