// Hash routes carry screen names and case ids only: never a name, phone or anything else about a survivor,
// because addresses end up in history, logs and the Referer header.
import { useEffect, useState } from 'preact/hooks';

export type Route =
  | { name: 'cases' }
  | { name: 'new' }
  | { name: 'case'; caseId: string }
  | { name: 'signed-out' }
  | { name: 'unknown' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/cases';
  if (path === '/' || path === '/cases') return { name: 'cases' };
  if (path === '/cases/new') return { name: 'new' };
  if (path === '/signed-out') return { name: 'signed-out' };
  const m = /^\/cases\/([^/]+)$/.exec(path);
  if (m) return UUID.test(m[1]) ? { name: 'case', caseId: m[1].toLowerCase() } : { name: 'unknown' };
  return { name: 'unknown' };
}

export const href = {
  cases: '#/cases',
  register: '#/cases/new',
  case: (caseId: string) => `#/cases/${encodeURIComponent(caseId)}`,
};

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
