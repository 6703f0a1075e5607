// The shell: header (who is signed in, language, sign-out), navigation, and the screen for the current route.
import { h } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { configureApi, forgetCentres } from './api.ts';
import { clearSession, cognitoSignOutUrl, currentSession, localSignIn, reauthenticate, type Session } from './auth.ts';
import type { AppConfig } from './config.ts';
import { claimDraft, resetDraft } from './draft.ts';
import { labelOf, lang, type Messages, onLanguageChange, setLanguage, t } from './i18n.ts';
import { IdleAnnouncer, IdleWarning, LockScreen, useIdle } from './idle.ts';
import { importKindsFor, managesRosterOf, permissionsFor } from './permissions.ts';
import type { Msg } from './problems.ts';
import { href, type Route, useRoute } from './router.ts';
import { AccessQuery } from './screens/access-query.ts';
import { CaseDetail } from './screens/case/case-detail.ts';
import { CaseList, forgetListFilter } from './screens/case-list.ts';
import { Centres } from './screens/centres.ts';
import { Import } from './screens/import/import.ts';
import { forgetOversightFilter, Oversight } from './screens/oversight/oversight.ts';
import { Partners } from './screens/partners.ts';
import { Register } from './screens/register/register.ts';
import { ReportedFigures } from './screens/reported-figures.ts';
import { forgetReportFilter, ReportList, ReportView } from './screens/reports.ts';
import { SignIn } from './screens/sign-in.ts';
import { Staff } from './screens/staff.ts';
import { Transfers } from './screens/transfers.ts';
import type { El } from './ui.ts';
import { Button } from './ui.ts';

const routeKey = (r: Route) => {
  if (r.name === 'case') return `case:${r.caseId}`;
  if (r.name === 'reports') return `reports:${r.kind ?? ''}`;
  if (r.name === 'report') return `report:${r.kind}:${r.reportId}`;
  if (r.name === 'staff') return `staff:${r.centreId}`;
  if (r.name === 'access') return `access:${r.actor ?? ''}`;
  if (r.name === 'import') return `import:${r.kind}`;
  return r.name;
};

const WIDE = new Set<Route['name']>([
  'oversight',
  'reports',
  'report',
  'centres',
  'staff',
  'partners',
  'transfers',
  'access',
  'import',
  'reported',
]);

function LanguageSwitch(): El {
  const m = t();
  const other = lang() === 'hi' ? 'en' : 'hi';
  return h(
    Button,
    {
      kind: 'secondary',
      id: 'language-switch',
      lang: other,
      label: m.switchLanguageLabel,
      onClick: () => setLanguage(other),
    },
    m.switchLanguage,
  );
}

function Header(p: { session?: Session; route: Route; locked: boolean; onSignOut: () => void }): El {
  const m = t();
  const s = p.session;
  const perms = s ? permissionsFor(s.principal.role) : undefined;
  const link = (to: string, label: string, current: boolean) =>
    h('a', { href: to, 'aria-current': current ? 'page' : undefined }, label);
  return h(
    'header',
    { class: 'topbar' },
    h(
      'a',
      {
        class: 'skip-link',
        href: '#main',
        onClick: (e: Event) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        },
      },
      m.skipToMain,
    ),
    h(
      'div',
      { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'स'),
      h('span', null, m.appName),
    ),
    h(
      'div',
      { class: 'tools' },
      s
        ? h(
            'span',
            { class: 'who', id: 'signed-in-as' },
            m.signedInAs(s.principal.username, labelOf(m.roleLabels, s.principal.role)),
          )
        : null,
      h(LanguageSwitch, {}),
      s ? h(Button, { kind: 'secondary', id: 'sign-out', onClick: p.onSignOut }, m.signOut) : null,
    ),
    s && perms?.reads && !p.locked
      ? h(
          'nav',
          { class: 'nav', 'aria-label': m.appShort },
          link(href.cases, m.navCases, p.route.name === 'cases' || p.route.name === 'case'),
          perms.registers ? link(href.register, m.navRegister, p.route.name === 'new') : null,
          perms.oversight ? link(href.oversight, m.navOversight, p.route.name === 'oversight') : null,
          perms.monthlyReports
            ? link(
                href.reports(perms.weeklyReports ? 'weekly' : 'monthly'),
                m.navReports,
                p.route.name === 'reports' || p.route.name === 'report',
              )
            : null,
          perms.manageCentres
            ? link(href.centres, m.navCentres, p.route.name === 'centres' || p.route.name === 'staff')
            : null,
          perms.manageStaff && !perms.manageCentres && s.principal.centreId
            ? link(href.staff(s.principal.centreId), m.navStaff, p.route.name === 'staff')
            : null,
          importKindsFor(s.principal.role).length
            ? link(href.import(importKindsFor(s.principal.role)[0]), m.navImport, p.route.name === 'import')
            : null,
          perms.reportsFigures ? link(href.reported, m.navReported, p.route.name === 'reported') : null,
          perms.partners ? link(href.partners, m.navPartners, p.route.name === 'partners') : null,
          perms.transfers ? link(href.transfers, m.navTransfers, p.route.name === 'transfers') : null,
          perms.accessQuery ? link(href.access(), m.navAccess, p.route.name === 'access') : null,
        )
      : null,
  );
}

export function App({ config, initialFlash }: { config: AppConfig; initialFlash?: Msg }): El {
  const [, rerender] = useState(0);
  const [session, setSession] = useState<Session | undefined>(currentSession);
  const [flash, setFlash] = useState<Msg | undefined>(() => initialFlash);
  const route = useRoute();
  const firstRoute = useRef(true);

  useEffect(() => onLanguageChange(() => rerender((x) => x + 1)), []);
  useEffect(() => {
    configureApi({
      baseUrl: config.apiUrl,
      onUnauthorized: () => {
        // The token ran out: back to sign-in. An unsent draft stays in memory for the same worker.
        clearSession();
        setSession(undefined);
        setFlash(() => (m: Messages) => m.sessionExpired);
      },
    });
  }, [config]);

  // A screen change moves focus to its heading, so a screen reader starts reading the new screen.
  const key = `${session ? 'in' : 'out'}:${routeKey(route)}`;
  useEffect(() => {
    if (firstRoute.current) {
      firstRoute.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [key]);

  useEffect(() => {
    const m = t();
    document.title = `${m.appShort} · ${document.getElementById('page-title')?.textContent ?? ''}`;
  });

  const signedIn = (s: Session) => {
    claimDraft(s.principal.username);
    setFlash(undefined);
    setSession(s);
    if (route.name === 'signed-out' || route.name === 'unknown') location.hash = href.cases;
  };

  const signOut = (why: Msg = (m: Messages) => m.signedOut) => {
    clearSession();
    resetDraft();
    forgetListFilter();
    forgetOversightFilter();
    forgetReportFilter();
    forgetCentres();
    setUnlock({ busy: false });
    if (config.mode === 'cognito') {
      location.assign(cognitoSignOutUrl(config));
      return;
    }
    setSession(undefined);
    setFlash(() => why);
    location.hash = '#/signed-out';
  };

  // Shared computers: lock after the idle time, sign out (the draft goes) after the time after that.
  const [unlock, setUnlock] = useState<{ busy: boolean; error?: Msg }>({ busy: false });
  const idle = useIdle(config.idle, !!session, () => signOut((m) => m.lockSignedOut));
  const locked = !!session && (idle.state.phase === 'locked' || idle.state.phase === 'signing-out');
  useEffect(() => {
    if (locked) document.getElementById('page-title')?.focus();
  }, [locked]);
  const unlockScreen = async () => {
    if (!session) return;
    setUnlock({ busy: true });
    try {
      const result =
        config.mode === 'cognito'
          ? await reauthenticate(config, session.principal.userId)
          : await localSignIn(session.principal.username);
      if (result === 'other-user') return signOut((m) => m.unlockOtherUser);
      if (result === 'failed' || result.principal.userId !== session.principal.userId) throw new Error('unlock');
      setSession(result);
      setUnlock({ busy: false });
      idle.unlocked();
    } catch {
      setUnlock({ busy: false, error: (m) => m.unlockFailed });
    }
  };

  const m = t();
  const perms = session ? permissionsFor(session.principal.role) : undefined;
  const notAllowed = () =>
    h(
      'section',
      { class: 'screen' },
      h('h1', { id: 'page-title', tabIndex: -1 }, m.notAllowedTitle),
      h('p', { id: 'not-allowed' }, m.notAllowedText),
    );
  let screen: El;
  if (session && locked) {
    // Instead of the screen, not over it: nothing of the case stays in the page while it is locked.
    screen = h(LockScreen, {
      username: session.principal.username,
      state: idle.state,
      cognito: config.mode === 'cognito',
      busy: unlock.busy,
      error: unlock.error?.(m),
      onUnlock: () => void unlockScreen(),
      onSignOut: () => signOut(),
    });
  } else if (!session || !perms) {
    screen = h(SignIn, { config, flash, onSignedIn: signedIn });
  } else if (!perms.reads) {
    screen = h(
      'section',
      { class: 'screen' },
      h('h1', { id: 'page-title', tabIndex: -1 }, m.helplineTitle),
      h('p', { id: 'helpline-text' }, m.helplineText),
    );
  } else if (route.name === 'new' && perms.registers) {
    screen = h(Register, { session });
  } else if (route.name === 'oversight') {
    screen = perms.oversight ? h(Oversight, { session }) : notAllowed();
  } else if (route.name === 'reports' || route.name === 'report') {
    const kind = route.kind ?? (perms.weeklyReports ? 'weekly' : 'monthly');
    const allowed = kind === 'weekly' ? perms.weeklyReports : perms.monthlyReports;
    if (!allowed) screen = notAllowed();
    else if (route.name === 'report')
      screen = h(ReportView, { key: `${kind}:${route.reportId}`, kind, reportId: route.reportId });
    else screen = h(ReportList, { key: kind, kind, session });
  } else if (route.name === 'centres') {
    screen = perms.manageCentres ? h(Centres, {}) : notAllowed();
  } else if (route.name === 'staff') {
    screen = managesRosterOf(session.principal, route.centreId)
      ? h(Staff, { key: route.centreId, centreId: route.centreId, session })
      : notAllowed();
  } else if (route.name === 'import') {
    screen = importKindsFor(session.principal.role).includes(route.kind)
      ? h(Import, { key: route.kind, kind: route.kind, session })
      : notAllowed();
  } else if (route.name === 'reported') {
    screen = perms.reportsFigures ? h(ReportedFigures, {}) : notAllowed();
  } else if (route.name === 'partners') {
    screen = perms.partners ? h(Partners, { session }) : notAllowed();
  } else if (route.name === 'transfers') {
    screen = perms.transfers ? h(Transfers, { session }) : notAllowed();
  } else if (route.name === 'access') {
    screen = perms.accessQuery ? h(AccessQuery, { key: route.actor ?? '', actor: route.actor }) : notAllowed();
  } else if (route.name === 'case') {
    screen = h(CaseDetail, { key: route.caseId, caseId: route.caseId, session });
  } else {
    screen = h(CaseList, {});
  }

  return h(
    'div',
    { class: 'app' },
    h(Header, { session, route, locked, onSignOut: () => signOut() }),
    session ? h(IdleAnnouncer, { state: idle.state }) : null,
    session ? h(IdleWarning, { state: idle.state, onKeep: idle.keepWorking }) : null,
    // Figures and registers are wide tables: their screens get more of a large display.
    h(
      'main',
      { id: 'main', tabIndex: -1, class: session && !locked && WIDE.has(route.name) ? 'main main--wide' : 'main' },
      screen,
    ),
    h('footer', { class: 'footer' }, h('p', null, m.appName)),
  );
}
