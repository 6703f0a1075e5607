// Who is signed in. The token lives in memory, mirrored in sessionStorage so a reload of the tab does not sign
// the worker out; sessionStorage dies with the tab and is cleared on sign-out. No refresh token is ever kept.
//
// Local mode: the local runtime's sign-in (GET /_local/users, POST /_local/token).
// AWS: Cognito managed login, authorization code flow with PKCE (RFC 7636): the verifier and state wait in
// sessionStorage only for the round trip to the login page, and the ID token (which carries the groups and
// the custom centre/district claims the API's Cognito authorizer reads) is the bearer token.
import { type Principal, principalFromClaims } from '../../shared/core/principal.ts';
import type { AppConfig } from './config.ts';
import { SESSION_KEY } from './early.ts';

export interface Session {
  token: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  principal: Principal;
}

export interface LocalUser {
  username: string;
  role: string;
  centreId?: string;
  district?: string;
  staffId?: string;
}

const PKCE_KEY = 'osc.pkce';

let session: Session | undefined;

function base64UrlDecode(part: string): string {
  const b64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function base64UrlEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The claims of a JWT, unverified: the API verifies every call; the form only needs to know what to show. */
function claimsOf(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(base64UrlDecode(part)) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sessionFromToken(token: string): Session | undefined {
  const claims = claimsOf(token);
  if (!claims) return undefined;
  try {
    // The same reading of the claims as the API's (shared/principal.ts), so the form shows what the API allows.
    const principal = principalFromClaims(claims);
    const exp = typeof claims.exp === 'number' ? claims.exp : Math.floor(Date.now() / 1000) + 3600;
    return { token, expiresAt: exp, principal };
  } catch {
    return undefined;
  }
}

const expired = (s: Session) => s.expiresAt * 1000 <= Date.now() + 30_000;

export function currentSession(): Session | undefined {
  if (session && expired(session)) clearSession();
  return session;
}

/** Picks up the session of this tab after a reload. */
export function restoreSession(): Session | undefined {
  try {
    const token = sessionStorage.getItem(SESSION_KEY);
    const s = token ? sessionFromToken(token) : undefined;
    if (s && !expired(s)) session = s;
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* storage blocked: memory only */
  }
  return session;
}

function adopt(token: string): Session {
  const s = sessionFromToken(token);
  if (!s) throw new Error('The token does not name a role');
  session = s;
  try {
    sessionStorage.setItem(SESSION_KEY, token);
  } catch {
    /* memory only */
  }
  return s;
}

/** Forgets everything this tab knows: the token, any sign-in in progress. */
export function clearSession(): void {
  session = undefined;
  try {
    sessionStorage.clear();
  } catch {
    /* nothing stored */
  }
}

// ---- local ---------------------------------------------------------------------------------------------

export async function fetchLocalUsers(): Promise<LocalUser[]> {
  const res = await fetch('/_local/users', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`users: ${res.status}`);
  return (await res.json()) as LocalUser[];
}

export async function localSignIn(username: string): Promise<Session> {
  const res = await fetch('/_local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!res.ok) throw new Error(`token: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return adopt(token);
}

// ---- Cognito (authorization code + PKCE) ---------------------------------------------------------------

type Cognito = Extract<AppConfig, { mode: 'cognito' }>;

const randomString = (bytes = 32) => base64UrlEncode(crypto.getRandomValues(new Uint8Array(bytes)));

async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64UrlEncode(new Uint8Array(digest));
}

async function authorizeUrl(cfg: Cognito, state: string, verifier: string, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: cfg.clientId,
    redirect_uri: cfg.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: await challengeOf(verifier),
    ...extra,
  });
  return `${cfg.cognitoDomain}/oauth2/authorize?${q}`;
}

export async function startCognitoSignIn(cfg: Cognito): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state }));
  location.assign(await authorizeUrl(cfg, state, verifier));
}

/** The ID token for an authorization code, or undefined. The refresh token is dropped on purpose. */
async function exchangeCode(cfg: Cognito, code: string, verifier: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${cfg.cognitoDomain}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: cfg.clientId,
        code,
        redirect_uri: cfg.redirectUri,
        code_verifier: verifier,
      }),
    });
    if (!res.ok) return undefined;
    return ((await res.json()) as { id_token?: string }).id_token;
  } catch {
    return undefined;
  }
}

// ---- unlocking a locked screen (shared computers) ------------------------------------------------------
// Locally the worker picks herself again (a new local token for the same user). In AWS she signs in again in a
// pop-up (Cognito managed login with prompt=login, so a remembered Cognito session cannot unlock for her):
// the form itself never navigates, so the draft in its memory survives. The pop-up returns to the form's
// address; that page load sees the `reauth.` state, hands the code to the form over a same-origin
// BroadcastChannel (the page's Cross-Origin-Opener-Policy cuts `window.opener`) and closes. The form holds
// the PKCE verifier in memory only, exchanges the code, and accepts the token only for the same user.

const REAUTH = 'osc-reauth';

/** In the pop-up's page load: hand the code back to the form that asked, and close. True when it did. */
export function handBackReauthentication(): boolean {
  const params = new URLSearchParams(location.search);
  const state = params.get('state') ?? '';
  if (!state.startsWith('reauth.')) return false;
  const channel = new BroadcastChannel(REAUTH);
  channel.postMessage({ state, code: params.get('code') });
  channel.close();
  history.replaceState(null, '', location.pathname);
  window.close();
  return true;
}

export type Reauthentication = Session | 'other-user' | 'failed';

export async function reauthenticate(cfg: Cognito, userId: string, timeoutMs = 5 * 60_000): Promise<Reauthentication> {
  const verifier = randomString(48);
  const state = `reauth.${randomString(16)}`;
  const url = await authorizeUrl(cfg, state, verifier, { prompt: 'login' });
  const channel = new BroadcastChannel(REAUTH);
  const code = new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    channel.onmessage = (e: MessageEvent<{ state?: string; code?: string }>) => {
      if (e.data?.state !== state) return;
      clearTimeout(timer);
      resolve(e.data.code ?? undefined);
    };
  });
  if (!window.open(url, REAUTH, 'popup,width=520,height=720')) {
    channel.close();
    return 'failed';
  }
  const got = await code;
  channel.close();
  const token = got ? await exchangeCode(cfg, got, verifier) : undefined;
  const s = token ? sessionFromToken(token) : undefined;
  if (!token || !s) return 'failed';
  if (s.principal.userId !== userId) return 'other-user';
  return adopt(token);
}

/**
 * Finishes a sign-in when the login page has sent the browser back with `?code=&state=`. Returns undefined
 * when this page load is not such a return. The code is removed from the address bar either way.
 */
export async function completeCognitoSignIn(cfg: Cognito): Promise<Session | 'failed' | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const state = params.get('state');
  if (!code && !params.get('error')) return undefined;
  history.replaceState(null, '', `${location.pathname}#/cases`);
  let pending: { verifier?: string; state?: string } = {};
  try {
    pending = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? '{}') as typeof pending;
  } catch {
    /* treated as a failed sign-in below */
  }
  sessionStorage.removeItem(PKCE_KEY);
  if (!code || !state || !pending.verifier || pending.state !== state) return 'failed';
  const idToken = await exchangeCode(cfg, code, pending.verifier);
  return idToken ? adopt(idToken) : 'failed';
}

export function cognitoSignOutUrl(cfg: Cognito): string {
  const q = new URLSearchParams({ client_id: cfg.clientId, logout_uri: cfg.redirectUri });
  return `${cfg.cognitoDomain}/logout?${q}`;
}
