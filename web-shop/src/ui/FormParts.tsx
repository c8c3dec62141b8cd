import type { ChangeEvent, InputHTMLAttributes } from 'react';

/** A labelled text input of the shop's forms; `hint` is shown under it. */
export function TextField({
  label,
  hint,
  ...input
}: { label: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...input} />
      {hint && <small>{hint}</small>}
    </label>
  );
}

/** Why a form's last submit did not go through, read out as it appears. */
export function ProblemText({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <p className="problem" role="alert">
      {problem}
    </p>
  );
}

/** One choice among a few, as radio buttons named `name`; `options` are [value, label] pairs. */
export function Choices({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return options.map(([option, label]) => (
    <label key={option} className="choice">
      <input type="radio" name={name} value={option} checked={value === option} onChange={onChange} />
      {label}
    </label>
  ));
}
