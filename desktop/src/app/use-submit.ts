import { type SubmitEvent, useState } from 'react';

/**
 * The state every form of the app keeps the same way: one call at a time, its failure turned into a
 * message the person can act on (`explain` picks it, usually by HTTP status), cleared on the next try.
 */
export function useSubmit<Problem>(explain: (error: unknown) => Problem) {
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);

  /** Runs `action` for a form's submit event; a thrown error becomes `problem`. */
  function submitWith(action: () => Promise<void>) {
    return async (event: SubmitEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (working) return;
      setWorking(true);
      setProblem(null);
      try {
        await action();
      } catch (error) {
        setProblem(explain(error));
      } finally {
        setWorking(false);
      }
    };
  }

  return { working, problem, setProblem, submitWith };
}
