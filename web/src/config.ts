// Where the API and sign-in live, and how long a shared computer may sit unused. In AWS the web stack writes
// /config.json beside the form; locally the runtime answers /config.json with `{"mode":"local", ...}`, and the
// API is this same origin with the local sign-in page. Missing or broken: local, with the default idle times.

/** Shared computers: lock after this long without input, sign out this long after locking (seconds). */
export interface IdleConfig {
  lockAfterSeconds: number;
  signOutAfterSeconds: number;
}

export type AppConfig = (
  | { mode: 'local'; apiUrl: '' }
  | { mode: 'cognito'; apiUrl: string; cognitoDomain: string; clientId: string; redirectUri: string }
) & { idle: IdleConfig };

/** The stage defaults (infra/stage-config.ts): 15 minutes, then 5 more. */
export const DEFAULT_IDLE: IdleConfig = { lockAfterSeconds: 15 * 60, signOutAfterSeconds: 5 * 60 };

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const seconds = (v: unknown, fallback: number) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 && v <= 24 * 3600 ? v : fallback;

function idleOf(c: Record<string, unknown>): IdleConfig {
  return {
    lockAfterSeconds: seconds(c.lockAfterSeconds, DEFAULT_IDLE.lockAfterSeconds),
    signOutAfterSeconds: seconds(c.signOutAfterSeconds, DEFAULT_IDLE.signOutAfterSeconds),
  };
}

export async function loadConfig(): Promise<AppConfig> {
  const local = (idle: IdleConfig = DEFAULT_IDLE): AppConfig => ({ mode: 'local', apiUrl: '', idle });
  let raw: unknown;
  try {
    // As index.html preloads it (same mode and credentials, the HTTP cache's own rules: CloudFront serves it
    // no-cache), so this fetch takes the preloaded answer instead of asking again.
    const res = await fetch('config.json', { mode: 'cors', credentials: 'same-origin' });
    // The local server answers unknown paths with index.html; only real JSON counts.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return local();
    raw = await res.json();
  } catch {
    return local();
  }
  if (!raw || typeof raw !== 'object') return local();
  const c = raw as Record<string, unknown>;
  const idle = idleOf(c);
  if (c.mode === 'local') return local(idle);
  const apiUrl = str(c.apiUrl);
  const cognitoDomain = str(c.cognitoDomain);
  const clientId = str(c.clientId);
  const redirectUri = str(c.redirectUri);
  if (!apiUrl || !cognitoDomain || !clientId || !redirectUri) return local(idle);
  return {
    mode: 'cognito',
    apiUrl: apiUrl.replace(/\/+$/, ''),
    cognitoDomain: (/^https?:\/\//.test(cognitoDomain) ? cognitoDomain : `https://${cognitoDomain}`).replace(
      /\/+$/,
      '',
    ),
    clientId,
    redirectUri,
    idle,
  };
}
