// Entry point: read the deployment's config, finish a Cognito sign-in if this load is its return, restore
// this tab's session, and render.
import './app.css';
import { h, render } from 'preact';
import { App } from './app.ts';
import { completeCognitoSignIn, handBackReauthentication, restoreSession } from './auth.ts';
import { loadConfig } from './config.ts';
import { isDirty } from './draft.ts';
import { lang, t } from './i18n.ts';
import type { Msg } from './problems.ts';

async function start(): Promise<void> {
  // The pop-up in which a locked screen's user signed in again: hand the code back and close, nothing else.
  if (handBackReauthentication()) return;
  document.documentElement.lang = lang();
  const config = await loadConfig();
  let flash: Msg | undefined;
  if (config.mode === 'cognito') {
    const result = await completeCognitoSignIn(config);
    if (result === 'failed') flash = (m) => m.signInFailed;
  }
  restoreSession();
  // A half-typed case is only in memory: ask before the tab is closed or reloaded with one.
  addEventListener('beforeunload', (e) => {
    if (isDirty()) {
      e.preventDefault();
      e.returnValue = t().leaveWarning;
    }
  });
  const root = document.getElementById('app');
  if (!root) throw new Error('no #app element');
  root.textContent = '';
  render(h(App, { config, initialFlash: flash }), root);
}

void start();
