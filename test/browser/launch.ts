// Debian's Chromium, launched the one way the browser tests and the benchmark's slow-link section use it.
// (Apart from harness.ts, which needs vitest: the benchmark is a script, not a test.) Never `playwright install`.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless Chromium that cannot reach anything but 127.0.0.1. playwright-core's launch() gives every browser
 * a fresh temporary user-data-dir of its own (it refuses a --user-data-dir argument), so no profile, cache or
 * storage survives from one run to the next.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
  });
}
