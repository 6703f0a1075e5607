// Small helpers for the benchmark: order statistics, formatting, timing, the repository root.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  // Nearest-rank on the sorted sample: p95 of 200 values is the 190th.
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}
export const median = (xs: readonly number[]) => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
export const p95 = (xs: readonly number[]) => quantile(xs, 0.95);

export const kb = (bytes: number) => (bytes / 1024).toFixed(1);
export const ms = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const ratio = (n: number, digits = 2) => (Number.isFinite(n) ? `${n.toFixed(digits)}×` : 'n/a');
export const mark = (ok: boolean | undefined) => (ok === undefined ? '  -  ' : ok ? ' PASS' : ' FAIL');

/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = head.map((_, i) =>
    rows.every((r) => /^[-+]?[\d.]+(?:×|%| ms| s| KB)?$|^n\/a$|^\s*(PASS|FAIL|-)\s*$/.test((r[i] ?? '').trim())),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const sleep = (msec: number) => new Promise<void>((r) => setTimeout(r, msec));

/** Progress goes to stderr so stdout stays the report. */
export const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Runs `fn` over `items` with at most `limit` at once, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (i < items.length) {
        const k = i++;
        out[k] = await fn(items[k]);
      }
    }),
  );
  return out;
}
