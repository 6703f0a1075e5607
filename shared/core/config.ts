// Runtime configuration, read and checked once at cold start: a missing variable fails the first init,
// not a request in the middle of the night.
function env(name: string, fallback?: string): string {
  const v = process.env[name] ?? fallback;
  if (v === undefined || v === '') throw new Error(`Missing environment variable ${name}`);
  return v;
}

function intList(name: string, fallback: string): number[] {
  const list = env(name, fallback)
    .split(',')
    .map((s) => Number(s.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`${name} must be a list of positive whole days`);
  return list;
}

export interface RuntimeConfig {
  tableName: string;
  stage: string;
  /** Days after resolution at which follow-ups fall due; the last must be at least 180. */
  followUpOffsetsDays: number[];
  /** Days a follow-up may stay overdue before it is marked missed and escalated. */
  missedAfterDays: number;
  /** Days until an unreachable woman is tried again. */
  unreachableRetryDays: number;
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlSeconds: number;
}

let cached: RuntimeConfig | undefined;

export function config(): RuntimeConfig {
  if (cached) return cached;
  const offsets = intList('FOLLOW_UP_OFFSETS_DAYS', '7,30,60,90,120,150,180');
  if (Math.max(...offsets) < 180) throw new Error('FOLLOW_UP_OFFSETS_DAYS must reach at least 180 days (six months)');
  cached = {
    tableName: env('TABLE_NAME'),
    stage: env('STAGE', 'dev'),
    followUpOffsetsDays: [...offsets].sort((a, b) => a - b),
    missedAfterDays: Number(env('FOLLOW_UP_MISSED_AFTER_DAYS', '3')),
    unreachableRetryDays: Number(env('FOLLOW_UP_RETRY_DAYS', '3')),
    idempotencyTtlSeconds: Number(env('IDEMPOTENCY_TTL_SECONDS', String(48 * 3600))),
  };
  return cached;
}

/** For tests and the local runtime, which set the environment after import. */
export function resetConfig(): void {
  cached = undefined;
}
