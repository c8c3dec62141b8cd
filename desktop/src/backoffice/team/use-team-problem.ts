import { useTranslation } from 'react-i18next';
import { httpStatusOf } from '../../till/server-api.js';
import { teamProblem } from './team-problems.js';

/** The `explain` of the Team screen's forms (useSubmit): a failed call as a sentence to act on. */
export function useTeamProblem() {
  const { t } = useTranslation();
  return (error: unknown) =>
    t(`team.problems.${teamProblem(httpStatusOf(error), error instanceof Error ? error.message : '')}`);
}
