// index.html's first script, before the app's code (app.js) downloads or starts: when the tab holds a
// sign-in and opens on the case list (an empty hash is the case list: router.ts parseHash), it asks for the
// list's first page at once (early.ts). Deliberately tiny and without imports of the app: it must run in
// the first few milliseconds, and it must never fail the page (anything odd: it does nothing).
import { SESSION_KEY, startEarly } from './early.ts';

try {
  const token = sessionStorage.getItem(SESSION_KEY);
  const path = location.hash.replace(/^#/, '').replace(/\/+$/, '');
  // A return from the sign-in page carries ?code=: the app finishes the sign-in first.
  const onList = path === '' || path === '/cases';
  if (token && onList && !location.search) {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown };
    // A token about to run out would be turned away: the app sends her to sign in instead.
    if (typeof claims.exp !== 'number' || claims.exp * 1000 > Date.now() + 30_000) startEarly('/cases', token);
  }
} catch {
  /* no early request: the app asks as usual */
}
