import { startLocal } from '../../infra/local/runtime.ts';
import { launchBrowser } from '../browser/launch.ts';

const rt = await startLocal({});
try {
  const t = (
    (await (
      await fetch(`${rt.url}/_local/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'staff.patna1' }),
      })
    ).json()) as any
  ).token;
  const b = await launchBrowser();
  const ctx = await b.newContext();
  await ctx.addInitScript((x) => sessionStorage.setItem('osc.session', x), t);
  for (let i = 0; i < 4; i++) {
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await page.goto(`${rt.url}/#/cases`);
    await page.locator('#cases-count').filter({ hasText: /./ }).waitFor();
    const ms = Date.now() - t0;
    const { profile } = (await cdp.send('Profiler.stop')) as any;
    const nav = await page.evaluate(() => {
      const e = performance.getEntriesByType('navigation')[0] as any;
      return { dcl: e.domContentLoadedEventEnd, load: e.loadEventEnd };
    });
    // self time by function
    const self = new Map<string, number>();
    const dt = profile.timeDeltas as number[];
    const byId = new Map(profile.nodes.map((n: any) => [n.id, n]));
    profile.samples.forEach((id: number, k: number) => {
      const n: any = byId.get(id);
      const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
      self.set(key, (self.get(key) ?? 0) + (dt[k] ?? 0) / 1000);
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    console.log(`visit ${i}: ${ms} ms wall, nav`, nav, 'profiled', Math.round(total));
    console.log(
      [...self]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 12)
        .map(([k, v]) => `   ${v.toFixed(1)} ${k}`)
        .join('\n'),
    );
    await page.close();
  }
  await b.close();
} finally {
  await rt.stop();
}
process.exit(0);
