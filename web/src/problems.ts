// One sentence for each way an API call can fail, in the chosen language.
import { ApiError } from './api.ts';
import type { Messages } from './i18n.ts';

/** A message that is rendered late, so it follows a language switch made after it appeared. */
export type Msg = (m: Messages) => string;

export function problemMsg(err: unknown): Msg {
  if (!(err instanceof ApiError)) return (m) => m.problem5xx;
  const s = err.status;
  if (s === 0) return (m) => m.problemNetwork;
  if (s === 400) return (m) => m.problem400;
  if (s === 401) return (m) => m.problem401;
  if (s === 403) return (m) => m.problem403;
  if (s === 404) return (m) => m.problem404;
  if (s === 409) return conflictMsg(err);
  if (s === 412) return (m) => m.problem412;
  if (s === 413) return (m) => m.problem413;
  if (s === 415) return (m) => m.problem415;
  if (s === 422) return (m) => m.problem422;
  if (s === 429) return (m) => m.problem429;
  return (m) => m.problem5xx;
}

/**
 * A 409 that names what rules the change out (a consent not recorded, a survivor who is not a minor): that,
 * in the chosen language, by its `path:code` or `code`; any other 409 as before.
 */
function conflictMsg(err: ApiError): Msg {
  const e = err.fieldErrors[0];
  if (!e?.code) return (m) => m.problem409;
  const { path, code } = e;
  return (m) => m.conflictCodes[`${path}:${code}`] ?? m.conflictCodes[code] ?? m.problem409;
}
