import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from './form-problems.js';

/** The message catalogs that say the common problems (`<area>.problems.<code>`, `<area>.fieldProblem`). */
export type ProblemArea = 'catalog' | 'inventory';

/** A labelled control with its problem right under it. */
export function Field(props: {
  label: string;
  problem: Problem | undefined;
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

/** A problem in the screen's words, or the schema's or the server's when it has none better. */
export function ProblemText(props: {
  problem: Problem;
  label?: string | undefined;
  area?: ProblemArea | undefined;
}) {
  const { t } = useTranslation();
  const area = props.area ?? 'catalog';
  const text =
    props.problem.code === 'invalid'
      ? (props.problem.detail ?? '')
      : t(`${area}.problems.${props.problem.code}`, props.problem.values ?? {});
  return (
    <span className="error field-problem">
      {props.label ? t(`${area}.fieldProblem`, { field: props.label, problem: text }) : text}
    </span>
  );
}
