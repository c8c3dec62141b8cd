import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from './form-problems.js';

/**
 * The message catalogs that say the common problems: `<area>.problems.<code>`, and `<area>.fieldProblem` for
 * a problem named by its field's label.
 */
export type ProblemArea = 'catalog' | 'inventory' | 'team';

/** A labelled control with its problem right under it. */
export function Field(props: {
  label: string;
  problem?: Problem | undefined;
  area?: ProblemArea;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in.
    <label className={props.problem ? 'invalid' : undefined}>
      {props.label}
      {props.children}
      {props.problem && <ProblemText problem={props.problem} area={props.area} />}
    </label>
  );
}

/** A problem in the screen's words, or in the schema's or the server's (`detail`) when it came with its own. */
export function ProblemText(props: {
  problem: Problem;
  label?: string | undefined;
  area?: ProblemArea | undefined;
}) {
  const { t } = useTranslation();
  const area = props.area ?? 'catalog';
  const text =
    props.problem.detail ?? t(`${area}.problems.${props.problem.code}`, props.problem.values ?? {});
  return (
    <span className="error field-problem">
      {props.label ? t(`${area}.fieldProblem`, { field: props.label, problem: text }) : text}
    </span>
  );
}

/** A problem with the whole form, announced as it appears; nothing while there is none. */
export function FormProblem(props: { problem: Problem | null | undefined; area?: ProblemArea }) {
  if (!props.problem) return null;
  return (
    <p role="alert">
      <ProblemText problem={props.problem} area={props.area} />
    </p>
  );
}

/** A form's last row: leave it as it was, or submit it (`danger` when that cannot be undone). */
export function SubmitRow(props: {
  cancel: string;
  onCancel?: (() => void) | undefined;
  submit: string;
  danger?: boolean;
  disabled: boolean;
}) {
  return (
    <div className="row">
      <button type="button" className="ghost" onClick={props.onCancel}>
        {props.cancel}
      </button>
      <button type="submit" className={props.danger ? 'danger' : 'primary'} disabled={props.disabled}>
        {props.submit}
      </button>
    </div>
  );
}
