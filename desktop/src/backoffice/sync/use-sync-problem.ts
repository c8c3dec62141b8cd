import { useTranslation } from 'react-i18next';
import { httpStatusOf } from '../../till/server-api.js';

/** A failed call on the Sync screen, as a sentence. */
export function useSyncProblem() {
  const { t } = useTranslation();
  return (error: unknown) =>
    httpStatusOf(error) === undefined
      ? t('syncIssues.problems.unreachable')
      : t('syncIssues.problems.failed');
}
