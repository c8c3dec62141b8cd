import { useTranslation } from 'react-i18next';
import { useSubmit } from '../../app/use-submit.js';
import { useSyncProblem } from './use-sync-problem.js';

/** "Mark handled" for one issue: `resolve` calls the server, then the list reloads. */
export function ResolveButton(props: { resolve: () => Promise<unknown>; onResolved: () => void }) {
  const { t } = useTranslation();
  const { working, problem, submitWith } = useSubmit(useSyncProblem());
  const submit = submitWith(async () => {
    await props.resolve();
    props.onResolved();
  });
  return (
    <form className="inline-form" onSubmit={submit}>
      <button type="submit" disabled={working}>
        {working ? t('syncIssues.resolving') : t('syncIssues.resolve')}
      </button>
      {problem && <span className="error">{problem}</span>}
    </form>
  );
}
