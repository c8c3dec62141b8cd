import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../app/use-submit.js';
import { useOffice } from '../office-context.js';
import type { StaffMember, StaffRole } from './team-types.js';
import { useTeamProblem } from './use-team-problem.js';

/**
 * Adds a person (no `member`) or edits one. A manager only ever adds cashiers; an admin picks the role. The
 * new person's id is made once per form, so submitting again after a lost answer never adds them twice.
 */
export function StaffForm(props: {
  member?: StaffMember;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { session, storeId } = useOffice();
  const isAdmin = session.user.role === 'admin';
  const editing = props.member;
  const [id] = useState(() => crypto.randomUUID());
  const [name, setName] = useState(editing?.name ?? '');
  const [email, setEmail] = useState(editing?.email ?? '');
  const [role, setRole] = useState<StaffRole>(editing?.role ?? 'cashier');
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const { working, problem, submitWith } = useSubmit(useTeamProblem());
  const roles: StaffRole[] = isAdmin ? ['cashier', 'manager', 'admin'] : ['cashier'];
  const needsStore = !editing && role !== 'admin' && storeId === null;

  const submit = submitWith(async () => {
    if (editing) {
      await session.api.staff.update.mutate({
        id: editing.id,
        ...(name !== editing.name ? { name } : {}),
        ...(email !== editing.email ? { email } : {}),
        ...(role !== editing.role ? { role, ...(storeId ? { storeId } : {}) } : {}),
      });
      return props.onDone(t('team.staff.saved'));
    }
    await session.api.staff.create.mutate({
      id,
      ...(storeId ? { storeId } : {}),
      name,
      email,
      role,
      ...(role !== 'cashier' ? { password } : {}),
      ...(role !== 'admin' && pin !== '' ? { pin } : {}),
    });
    props.onDone(t('team.staff.created', { name }));
  });

  return (
    <form className="card team-form" onSubmit={submit} aria-label={t('team.staff.newTitle')}>
      <h3>{editing ? t('team.staff.editTitle', { name: editing.name }) : t('team.staff.newTitle')}</h3>
      <div className="team-fields">
        <label>
          {t('team.staff.name')}
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={120}
          />
        </label>
        <label>
          {t('team.staff.email')}
          <input
            name="email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            maxLength={254}
          />
        </label>
        {roles.length > 1 && (
          <label>
            {t('team.staff.role')}
            <select name="role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
              {roles.map((option) => (
                <option key={option} value={option}>
                  {t(`team.roles.${option}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        {!editing && role !== 'cashier' && (
          <label>
            {t('team.staff.password')}
            <input
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              required
              minLength={12}
              maxLength={128}
            />
          </label>
        )}
        {!editing && role !== 'admin' && (
          <label>
            {role === 'cashier' ? t('team.staff.pinField') : t('team.staff.pinOptional')}
            <input
              name="pin"
              type="password"
              inputMode="numeric"
              autoComplete="off"
              pattern="[0-9]{4,8}"
              value={pin}
              onChange={(event) => setPin(event.target.value)}
              required={role === 'cashier'}
              maxLength={8}
            />
          </label>
        )}
      </div>
      {needsStore && <p className="muted">{t('team.staff.pickStoreFirst')}</p>}
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="button" className="ghost" onClick={props.onCancel}>
          {t('team.staff.cancel')}
        </button>
        <button type="submit" className="primary" disabled={working || needsStore}>
          {editing
            ? working
              ? t('team.staff.saving')
              : t('team.staff.save')
            : working
              ? t('team.staff.creating')
              : t('team.staff.create')}
        </button>
      </div>
    </form>
  );
}

/** A new till PIN for someone; tills take it at their next staff sync. */
export function PinForm(props: {
  member: StaffMember;
  onDone: (notice: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const [pin, setPin] = useState('');
  const { working, problem, submitWith } = useSubmit(useTeamProblem());
  const submit = submitWith(async () => {
    await session.api.staff.setPin.mutate({ id: props.member.id, pin });
    props.onDone(t('team.staff.pinSaved', { name: props.member.name }));
  });
  return (
    <form className="card team-form" onSubmit={submit}>
      <h3>{t('team.staff.pinTitle', { name: props.member.name })}</h3>
      <p className="muted">{t('team.staff.pinHint')}</p>
      <label>
        {t('team.staff.pinField')}
        <input
          name="new-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          pattern="[0-9]{4,8}"
          value={pin}
          onChange={(event) => setPin(event.target.value)}
          required
          maxLength={8}
          autoFocus
        />
      </label>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="button" className="ghost" onClick={props.onCancel}>
          {t('team.staff.cancel')}
        </button>
        <button type="submit" className="primary" disabled={working}>
          {working ? t('team.staff.saving') : t('team.staff.save')}
        </button>
      </div>
    </form>
  );
}

/** Deactivating someone, confirmed: it signs them out everywhere at once. Reactivating needs no warning. */
export function ActiveForm(props: {
  member: StaffMember;
  active: boolean;
  onDone: (notice: string) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useOffice();
  const { working, problem, submitWith } = useSubmit(useTeamProblem());
  const { member, active } = props;
  const submit = submitWith(async () => {
    await session.api.staff.setActive.mutate({ id: member.id, active });
    props.onDone(t(active ? 'team.staff.reactivated' : 'team.staff.deactivated', { name: member.name }));
  });
  if (active) {
    return (
      <form className="inline-form" onSubmit={submit}>
        <button type="submit" disabled={working}>
          {t('team.staff.reactivate')}
        </button>
        {problem && <span className="error">{problem}</span>}
      </form>
    );
  }
  return (
    <form className="card team-form confirm" onSubmit={submit}>
      <h3>{t('team.staff.confirmDeactivate', { name: member.name })}</h3>
      <p className="muted">{t('team.staff.deactivateHint')}</p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <div className="row">
        <button type="button" className="ghost" onClick={props.onCancel}>
          {t('team.staff.cancel')}
        </button>
        <button type="submit" className="danger" disabled={working}>
          {t('team.staff.deactivate')}
        </button>
      </div>
    </form>
  );
}
