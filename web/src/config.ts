// Where the API and sign-in live. In AWS the web stack writes /config.json beside the form; locally there is
// none (or `{"mode":"local"}`), and the API is this same origin with the local sign-in page.

export type AppConfig =
  | { mode: 'local'; apiUrl: '' }
  | { mode: 'cognito'; apiUrl: string; cognitoDomain: string; clientId: string; redirectUri: string };

const LOCAL: AppConfig = { mode: 'local', apiUrl: '' };

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export async function loadConfig(): Promise<AppConfig> {
  let raw: unknown;
  try {
    // As index.html preloads it (same mode and credentials, the HTTP cache's own rules: CloudFront serves it
    // no-cache), so this fetch takes the preloaded answer instead of asking again.
    const res = await fetch('config.json', { mode: 'cors', credentials: 'same-origin' });
    // The local server answers unknown paths with index.html; only real JSON counts.
    if (!res.ok || !(res.headers.get('content-type') ?? '').includes('json')) return LOCAL;
    raw = await res.json();
  } catch {
    return LOCAL;
  }
  if (!raw || typeof raw !== 'object') return LOCAL;
  const c = raw as Record<string, unknown>;
  if (c.mode === 'local') return LOCAL;
  const apiUrl = str(c.apiUrl);
  const cognitoDomain = str(c.cognitoDomain);
  const clientId = str(c.clientId);
  const redirectUri = str(c.redirectUri);
  if (!apiUrl || !cognitoDomain || !clientId || !redirectUri) return LOCAL;
  return {
    mode: 'cognito',
    apiUrl: apiUrl.replace(/\/+$/, ''),
    cognitoDomain: (/^https?:\/\//.test(cognitoDomain) ? cognitoDomain : `https://${cognitoDomain}`).replace(
      /\/+$/,
      '',
    ),
    clientId,
    redirectUri,
  };
}
