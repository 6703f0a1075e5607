import { startLocal } from '../../infra/local/runtime.ts';
import { buildWeb } from '../../web/build.ts';
import { caseBody } from './events.ts';
import { measureSlowLink } from './slow-link.ts';

await buildWeb();
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
  for (let i = 0; i < 60; i++)
    await fetch(`${rt.url}/cases`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${t}`,
        'idempotency-key': crypto.randomUUID(),
      },
      body: JSON.stringify(caseBody()),
    });
  const r = await measureSlowLink(rt);
  console.log(JSON.stringify({ medians: r.medians, pass: r.pass, waterfall: r.waterfall }, null, 1));
} finally {
  await rt.stop();
}
process.exit(0);
