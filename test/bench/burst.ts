// Section 10: a burst at one centre. Forty registrations at the same moment (a camp, a rescue, a helpline
// surge) against forty one after another at the same centre, in-process on the local runtime: the time until
// the last is answered 201, as a ratio. A 503 (busy, Retry-After) is sent again after the time it names
// with the same Idempotency-Key, as the form does; how many first answers were 503 is reported. Every one
// must end 201, and the centre's case numbers must run on without a gap (the sequence is won by one writer
// at a time: shared/core/transactions.ts retryingRaces).
import { randomUUID } from 'node:crypto';
import { localUsers } from '../../infra/local/seed.ts';
import { apiEvent, caseBody, claimsOf, type LambdaHandler, lambdaContext } from './events.ts';
import { median, progress } from './stats.ts';

export const BURST = 40;
/** Target: forty at once are all answered no later than forty one after another would be. */
export const TARGET_BURST = 1.0;
const ROUNDS = 3;

export interface BurstRound {
  sequentialMs: number;
  burstMs: number;
  /** First answers by status, both halves of the round. */
  statuses: Record<string, number>;
  /** Requests sent again after a 503 in the burst. */
  retries: number;
  /** Every registration of the round ended 201 (some after a 503 and a retry). */
  all201: boolean;
  /** The burst's case numbers, in order: consecutive, and following the sequential ones. */
  gapless: boolean;
}

export interface BurstResult {
  n: number;
  rounds: BurstRound[];
  sequentialMs: number;
  burstMs: number;
  ratio: number;
  all201: boolean;
  gapless: boolean;
  pass: boolean;
}

/** The sequence part of case numbers (CODE/2026-27/00042 → 42). */
export const serialOf = (caseNumber: string) => Number(/\/(\d{5})$/.exec(caseNumber)?.[1] ?? Number.NaN);

/** Whether `numbers` are `from`, from + 1, …, with none missing or repeated. */
export function consecutive(numbers: number[], from: number): boolean {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted.every((n, i) => n === from + i);
}

export async function measureBurst(username = 'staff.patna1'): Promise<BurstResult> {
  const user = localUsers().find((u) => u.username === username);
  if (!user) throw new Error(`no local user ${username}`);
  const claims = claimsOf(user);
  const { handler } = (await import('../../functions/create-case/handler.ts')) as unknown as { handler: LambdaHandler };
  let retries = 0;
  /** One registration: its first answer's status, and its case number once it is 201. */
  const register = async () => {
    const body = caseBody();
    const key = `bench-${randomUUID()}`;
    let first: number | undefined;
    for (let attempt = 0; attempt < 30; attempt++) {
      const res = await handler(
        apiEvent({
          method: 'POST',
          resource: '/cases',
          body,
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          claims,
        }),
        lambdaContext('create-case'),
      );
      first ??= res.statusCode;
      if (res.statusCode === 201)
        return { status: first, serial: serialOf((JSON.parse(res.body) as { caseNumber: string }).caseNumber) };
      if (res.statusCode !== 503) return { status: first, serial: Number.NaN };
      retries++;
      const after = Number(res.headers?.['retry-after'] ?? 1);
      await new Promise((r) => setTimeout(r, after * 1000));
    }
    return { status: first ?? 0, serial: Number.NaN };
  };

  // Warm: the handler's module, clients and the centre's sequence in this process.
  for (let i = 0; i < 3; i++) await register();
  const rounds: BurstRound[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    const one: Array<{ status: number; serial: number }> = [];
    for (let i = 0; i < BURST; i++) one.push(await register());
    const sequentialMs = performance.now() - t0;
    retries = 0;
    const t1 = performance.now();
    const all = await Promise.all(Array.from({ length: BURST }, register));
    const burstMs = performance.now() - t1;
    const statuses: Record<string, number> = {};
    for (const x of [...one, ...all]) statuses[x.status] = (statuses[x.status] ?? 0) + 1;
    const last = Math.max(...one.map((x) => x.serial));
    const all201 = [...one, ...all].every((x) => Number.isFinite(x.serial));
    const gapless =
      all201 &&
      consecutive(
        all.map((x) => x.serial),
        last + 1,
      );
    rounds.push({ sequentialMs, burstMs, statuses, retries, all201, gapless });
    progress(
      `burst round ${r + 1}/${ROUNDS}: ${BURST} in sequence ${Math.round(sequentialMs)} ms, at once ` +
        `${Math.round(burstMs)} ms, first answers ${JSON.stringify(statuses)}, ${retries} sent again`,
    );
  }
  const sequentialMs = median(rounds.map((x) => x.sequentialMs));
  const burstMs = median(rounds.map((x) => x.burstMs));
  const ratio = burstMs / sequentialMs;
  const all201 = rounds.every((x) => x.all201);
  const gapless = rounds.every((x) => x.gapless);
  return {
    n: BURST,
    rounds,
    sequentialMs,
    burstMs,
    ratio,
    all201,
    gapless,
    pass: all201 && gapless && ratio <= TARGET_BURST,
  };
}
