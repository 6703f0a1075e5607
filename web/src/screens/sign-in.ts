// Sign-in. Locally: the seeded users of the local runtime, one button each. In AWS: one button that goes to
// Cognito's managed login (authorization code + PKCE).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fetchLocalUsers, type LocalUser, localSignIn, type Session, startCognitoSignIn } from '../auth.ts';
import type { AppConfig } from '../config.ts';
import { labelOf, type Messages, t } from '../i18n.ts';
import type { Msg } from '../problems.ts';
import type { El } from '../ui.ts';
import { Button, Notice } from '../ui.ts';

export function SignIn(p: { config: AppConfig; flash?: Msg; onSignedIn: (s: Session) => void }): El {
  const m = t();
  const [users, setUsers] = useState<LocalUser[] | undefined>();
  const [error, setError] = useState<Msg | undefined>();
  const [busy, setBusy] = useState<string | undefined>();

  useEffect(() => {
    if (p.config.mode !== 'local') return;
    fetchLocalUsers().then(setUsers, () => setError(() => (x: Messages) => x.problemNetwork));
  }, [p.config.mode]);

  const pick = async (username: string) => {
    setBusy(username);
    setError(undefined);
    try {
      p.onSignedIn(await localSignIn(username));
    } catch {
      setError(() => (x: Messages) => x.signInFailed);
    } finally {
      setBusy(undefined);
    }
  };

  return h(
    'section',
    { class: 'screen signin' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.signInTitle),
    h(Notice, { kind: 'info' }, p.flash ? p.flash(m) : null),
    h(Notice, { kind: 'error' }, error ? error(m) : null),
    p.config.mode === 'cognito'
      ? [
          h('p', { key: 'intro' }, m.signInCognitoIntro),
          h(
            Button,
            { key: 'go', onClick: () => void startCognitoSignIn(p.config as Extract<AppConfig, { mode: 'cognito' }>) },
            m.signInCognito,
          ),
        ]
      : [
          h('p', { key: 'intro' }, m.signInLocalIntro),
          users
            ? h(
                'ul',
                { key: 'users', class: 'user-list' },
                users.map((u) =>
                  h(
                    'li',
                    { key: u.username },
                    h(
                      Button,
                      {
                        kind: 'secondary',
                        busy: busy === u.username,
                        disabled: busy !== undefined,
                        onClick: () => void pick(u.username),
                      },
                      h('span', { class: 'user-name' }, u.username),
                      h(
                        'span',
                        { class: 'user-meta' },
                        [labelOf(m.roleLabels, u.role), u.centreId, u.district].filter(Boolean).join(' · '),
                      ),
                    ),
                  ),
                ),
              )
            : h('p', { key: 'loading', class: 'muted' }, m.signInLoadingUsers),
        ],
  );
}
