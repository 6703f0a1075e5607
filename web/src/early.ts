// The case list's first page, asked for before the app's code has run. boot.ts (index.html's first script,
// a few hundred bytes) starts the request when a signed-in worker opens the case list; the list takes the
// answer when it asks for the very same thing (api.ts). On a slow link this takes the list's round trip off
// the path behind the download and start of the app's code, and behind config.json.
//
// Nothing here knows more than the request: the token is the one this tab already holds, the answer is
// used only by the same token for the same URL within half a minute, once.

/** Where the tab keeps its sign-in (auth.ts): sessionStorage, gone with the tab. */
export const SESSION_KEY = 'osc.session';

const EARLY = '__oscEarlyRequest';
/** An early answer older than this is not used: the list asks again. */
const FRESH_MS = 30_000;

interface Early {
  url: string;
  token: string;
  at: number;
  response: Promise<Response | undefined>;
}

const store = globalThis as unknown as Record<string, Early | undefined>;
const absolute = (url: string) => new URL(url, location.href).href;

/** Starts a GET the app is about to make, with the headers api.ts would send. */
export function startEarly(url: string, token: string): void {
  store[EARLY] = {
    url: absolute(url),
    token,
    at: Date.now(),
    response: fetch(url, {
      headers: { accept: 'application/json', authorization: `Bearer ${token}` },
      cache: 'no-store',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    }).catch(() => undefined),
  };
}

/** The early answer for this GET and token, once; undefined when there is none (then ask as usual). */
export function takeEarly(url: string, token: string | undefined): Promise<Response | undefined> | undefined {
  const e = store[EARLY];
  if (!e || !token || e.token !== token || e.url !== absolute(url)) return undefined;
  store[EARLY] = undefined;
  return Date.now() - e.at <= FRESH_MS ? e.response : undefined;
}
