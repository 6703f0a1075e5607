// Hash routes carry screen names and ids only (case ids, centre ids, report ids): never a name, phone or
// anything else about a survivor, because addresses end up in history, logs and the Referer header.
import { useEffect, useState } from 'preact/hooks';

export type ReportKind = 'weekly' | 'monthly';
/** What a go-live import brings in: a centre's register, its roster, or figures of earlier years. */
export type ImportKind = 'cases' | 'staff' | 'figures';
const IMPORT_KINDS: readonly string[] = ['cases', 'staff', 'figures'];

export type Route =
  | { name: 'cases' }
  | { name: 'new' }
  | { name: 'case'; caseId: string }
  | { name: 'oversight' }
  | { name: 'reports'; kind?: ReportKind }
  | { name: 'report'; kind: ReportKind; reportId: string }
  | { name: 'centres' }
  | { name: 'staff'; centreId: string }
  | { name: 'access'; actor?: string }
  | { name: 'import'; kind: ImportKind }
  | { name: 'reported' }
  | { name: 'partners' }
  | { name: 'transfers' }
  | { name: 'signed-out' }
  | { name: 'unknown' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The shape of shared/schemas.ts `centreIdSchema`. */
const CENTRE_ID = /^osc-[a-z0-9-]{2,60}$/;
/** Report ids are made by shared/reports.ts: `weekly-2026-11-16`, `monthly-2026-10-patna`. */
const REPORT_ID = /^[a-z0-9-]{3,100}$/;
/** The shape of shared/privacy/schemas.ts's user id. */
const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/cases';
  if (path === '/' || path === '/cases') return { name: 'cases' };
  if (path === '/cases/new') return { name: 'new' };
  if (path === '/signed-out') return { name: 'signed-out' };
  if (path === '/oversight') return { name: 'oversight' };
  if (path === '/reports') return { name: 'reports' };
  if (path === '/centres') return { name: 'centres' };
  if (path === '/import') return { name: 'import', kind: 'cases' };
  if (path === '/reported-figures') return { name: 'reported' };
  if (path === '/partners') return { name: 'partners' };
  if (path === '/transfers') return { name: 'transfers' };
  let m = /^\/cases\/([^/]+)$/.exec(path);
  if (m) return UUID.test(m[1]) ? { name: 'case', caseId: m[1].toLowerCase() } : { name: 'unknown' };
  m = /^\/reports\/(weekly|monthly)(?:\/([^/]+))?$/.exec(path);
  if (m) {
    const kind = m[1] as ReportKind;
    if (!m[2]) return { name: 'reports', kind };
    const id = decodeURIComponent(m[2]);
    return REPORT_ID.test(id) ? { name: 'report', kind, reportId: id } : { name: 'unknown' };
  }
  m = /^\/access-log(?:\/([^/]+))?$/.exec(path);
  if (m) {
    // A user id (Cognito sub): an id of a member of staff, never anything about a survivor.
    const actor = m[1] ? decodeURIComponent(m[1]) : undefined;
    return !actor || USER_ID.test(actor) ? { name: 'access', actor } : { name: 'unknown' };
  }
  m = /^\/import\/([a-z]+)$/.exec(path);
  if (m) return IMPORT_KINDS.includes(m[1]) ? { name: 'import', kind: m[1] as ImportKind } : { name: 'unknown' };
  m = /^\/centres\/([^/]+)\/staff$/.exec(path);
  if (m) return CENTRE_ID.test(m[1]) ? { name: 'staff', centreId: m[1] } : { name: 'unknown' };
  return { name: 'unknown' };
}

export const href = {
  cases: '#/cases',
  register: '#/cases/new',
  case: (caseId: string) => `#/cases/${encodeURIComponent(caseId)}`,
  oversight: '#/oversight',
  reports: (kind: ReportKind) => `#/reports/${kind}`,
  report: (kind: ReportKind, reportId: string) => `#/reports/${kind}/${encodeURIComponent(reportId)}`,
  centres: '#/centres',
  staff: (centreId: string) => `#/centres/${encodeURIComponent(centreId)}/staff`,
  access: (actor?: string) => (actor ? `#/access-log/${encodeURIComponent(actor)}` : '#/access-log'),
  import: (kind: ImportKind) => `#/import/${kind}`,
  reported: '#/reported-figures',
  partners: '#/partners',
  transfers: '#/transfers',
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
