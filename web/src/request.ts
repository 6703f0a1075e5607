// Reading from the API on a screen (a list, the figures, the reports): the button is busy while it runs, and
// a failure is one sentence in the chosen language (problems.ts), cleared when the next request starts.
import { useState } from 'preact/hooks';
import { type Msg, problemMsg } from './problems.ts';

export interface Request {
  busy: boolean;
  error: Msg | undefined;
  /** Runs `work`; whatever it throws is kept as `error`. */
  run: (work: () => Promise<void>) => Promise<void>;
}

export function useRequest(): Request {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Msg | undefined>();
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (err) {
      setError(() => problemMsg(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/**
 * A checked query as `?a=1&b=2` (empty values left out), or '' when nothing is left. A space is `%20`, never
 * `+`, which not every server reads as a space ("West Champaran").
 */
export function queryString(query: Record<string, unknown>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
