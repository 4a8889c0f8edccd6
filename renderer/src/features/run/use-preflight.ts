import { useEffect, useMemo, useRef, useState } from 'react';
import type { RunForm } from '../../../../shared/run-command/run-form';
import { runFormSchema } from '../../../../shared/run-command/run-form';
import type { PreflightProblem } from '../../../../shared/run/model';
import { client, messageOf } from '../../api';

export interface PreflightState {
  problems: PreflightProblem[];
  /** True while a check for the current form is pending or running. */
  checking: boolean;
  /** Set when the check itself failed (engine down…). */
  error: string | null;
}

/** Runs `run:preflight` 400 ms after the form stops changing; answers for older forms are dropped. */
export function usePreflight(form: RunForm, enabled: boolean): PreflightState {
  const [state, setState] = useState<PreflightState>({ problems: [], checking: false, error: null });
  const key = useMemo(() => JSON.stringify(form), [form]);
  const latest = useRef(key);
  latest.current = key;
  useEffect(() => {
    if (!enabled) return;
    const parsed = runFormSchema.safeParse(form);
    if (!parsed.success) {
      // The local checks already show why; the core would refuse the request itself.
      setState({ problems: [], checking: false, error: null });
      return;
    }
    setState((s) => ({ ...s, checking: true }));
    let retry: ReturnType<typeof setTimeout> | undefined;
    const check = (attempt: number) =>
      client
        .request('run:preflight', { form })
        .then((problems) => latest.current === key && setState({ problems, checking: false, error: null }))
        .catch((error: unknown) => {
          if (latest.current !== key) return;
          // One more try after a transport hiccup before saying the checks could not run.
          if (attempt === 0 && (error as { code?: string }).code === 'engine-unavailable') {
            retry = setTimeout(() => void check(1), 500);
            return;
          }
          setState({ problems: [], checking: false, error: messageOf(error) });
        });
    const timer = setTimeout(() => void check(0), 400);
    return () => {
      clearTimeout(timer);
      clearTimeout(retry);
    };
    // `key` stands for `form`: a new object with the same content needs no new check.
  }, [key, enabled]);
  return state;
}
