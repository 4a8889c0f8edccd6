import { useCallback, useRef, useState } from 'react';
import { toast } from 'sonner';
import { messageOf } from '../api';

export interface Submit {
  /** True while the action runs: the form's buttons say so and a second submit is ignored. */
  busy: boolean;
  /** Why the last run failed, in the engine's words; null after a success or `clearError`. */
  error: string | null;
  clearError(): void;
  run(action: () => Promise<void>): Promise<void>;
}

/**
 * The submit of a dialog or form: one run at a time, its failure kept for the form to show.
 *
 * With `failureToast`, a failure is a toast with that title instead (for actions without a form
 * of their own, like a row's Delete). The form keeps what the user typed either way.
 */
export function useSubmit(options: { failureToast?: string } = {}): Submit {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const { failureToast } = options;
  const run = useCallback(
    async (action: () => Promise<void>) => {
      if (running.current) return;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        await action();
      } catch (e) {
        if (failureToast) toast.error(failureToast, { description: messageOf(e) });
        else setError(messageOf(e));
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [failureToast],
  );
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, clearError, run };
}
