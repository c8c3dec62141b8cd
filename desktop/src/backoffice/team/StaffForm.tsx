import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../app/use-submit.js';
import { Field, FormProblem, ProblemText, SubmitRow } from '../FormParts.js';
import { useOffice } from '../office-context.js';
import { teamProblemOf } from './team-problems.js';
import type { StaffMember, StaffRole } from './team-types.js';

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
  const { working, problem, submitWith } = useSubmit(teamProblemOf);
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
        <Field label={t('team.staff.name')}>
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            required
            maxLength={120}
          />
        </Field>
        <Field label={t('team.staff.email')}>
          <input
            name="email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            maxLength={254}
          />
        </Field>
        {roles.length > 1 && (
          <Field label={t('team.staff.role')}>
            <select name="role" value={role} onChange={(event) => setRole(event.target.value as StaffRole)}>
              {roles.map((option) => (
                <option key={option} value={option}>
                  {t(`team.roles.${option}`)}
                </option>
              ))}
            </select>
          </Field>
        )}
        {!editing && role !== 'cashier' && (
          <Field label={t('team.staff.password')}>
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
          </Field>
        )}
        {!editing && role !== 'admin' && (
          <Field label={role === 'cashier' ? t('team.staff.pinField') : t('team.staff.pinOptional')}>
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
          </Field>
        )}
      </div>
      {needsStore && <p className="muted">{t('team.staff.pickStoreFirst')}</p>}
      <FormProblem area="team" problem={problem} />
      <SubmitRow
        cancel={t('team.staff.cancel')}
        onCancel={props.onCancel}
        submit={
          editing
            ? working
              ? t('team.staff.saving')
              : t('team.staff.save')
            : working
              ? t('team.staff.creating')
              : t('team.staff.create')
        }
        disabled={working || needsStore}
      />
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
  const { working, problem, submitWith } = useSubmit(teamProblemOf);
  const submit = submitWith(async () => {
    await session.api.staff.setPin.mutate({ id: props.member.id, pin });
    props.onDone(t('team.staff.pinSaved', { name: props.member.name }));
  });
  return (
    <form className="card team-form" onSubmit={submit}>
      <h3>{t('team.staff.pinTitle', { name: props.member.name })}</h3>
      <p className="muted">{t('team.staff.pinHint')}</p>
      <Field label={t('team.staff.pinField')}>
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
      </Field>
      <FormProblem area="team" problem={problem} />
      <SubmitRow
        cancel={t('team.staff.cancel')}
        onCancel={props.onCancel}
        submit={working ? t('team.staff.saving') : t('team.staff.save')}
        disabled={working}
      />
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
  const { working, problem, submitWith } = useSubmit(teamProblemOf);
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
        {problem && <ProblemText area="team" problem={problem} />}
      </form>
    );
  }
  return (
    <form className="card team-form confirm" onSubmit={submit}>
      <h3>{t('team.staff.confirmDeactivate', { name: member.name })}</h3>
      <p className="muted">{t('team.staff.deactivateHint')}</p>
      <FormProblem area="team" problem={problem} />
      <SubmitRow
        cancel={t('team.staff.cancel')}
        onCancel={props.onCancel}
        submit={t('team.staff.deactivate')}
        danger
        disabled={working}
      />
    </form>
  );
}
