// House rules that Biome does not check, run by `npm run lint` (and so by `npm test`):
//   1. lines of at most 120 characters, files of at most 400 lines (translation tables aside);
//   2. imports run one way: infra → functions → shared; web imports only the browser-safe part of shared;
//      shared never imports functions, infra, web or the local runtime; functions never import infra.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAX_LINE = 120;
const MAX_LINES = 400;
/** Translation tables are long by nature: one line per phrase, in two languages. */
const TABLES = /^web\/src\/i18n[^/]*\.ts$/;
/** What the browser may load from shared/: pure rules, words and schemas, no AWS SDK, no node: modules. */
const BROWSER_SAFE = new RegExp(
  [
    '^shared/(schemas\\.ts',
    'core/(vocabulary|schema-parts|validation|errors|time|route|routes|principal)\\.ts',
    '[a-z-]+/(schemas|routes|rules|lifecycle|views|wording|geography|names)\\.ts',
    // The go-live files: CSV both ways, the cells (Indian dates, phones), the columns and their Hindi headings.
    'imports/(csv|cells|columns)\\.ts',
    'data/)',
  ].join('|'),
);

const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '*.ts', '*.css'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => f && !f.startsWith('node_modules/'));

const problems: string[] = [];
const aliases: Record<string, string> = { '#shared/': 'shared/', '#functions/': 'functions/', '#infra/': 'infra/' };

function target(file: string, spec: string): string | undefined {
  for (const [alias, dir] of Object.entries(aliases)) if (spec.startsWith(alias)) return dir + spec.slice(alias.length);
  if (spec.startsWith('.')) return relative(ROOT, normalize(resolve(ROOT, dirname(file), spec)));
  return undefined;
}

const allowed = (from: string, to: string): boolean => {
  const top = (p: string) => p.split('/')[0];
  if (from.startsWith('shared/')) return top(to) === 'shared';
  if (from.startsWith('functions/')) return top(to) === 'functions' || top(to) === 'shared';
  if (from.startsWith('web/src/')) return top(to) === 'web' || BROWSER_SAFE.test(to);
  if (from.startsWith('infra/') && !from.startsWith('infra/local/'))
    return !to.startsWith('infra/local/') && top(to) !== 'test';
  return true;
};

for (const file of files) {
  let text: string;
  try {
    text = readFileSync(resolve(ROOT, file), 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  const lines = text.split('\n');
  if (!TABLES.test(file)) {
    lines.forEach((line, i) => {
      const width = [...line].length;
      if (width > MAX_LINE) problems.push(`${file}:${i + 1}: line of ${width} characters (at most ${MAX_LINE})`);
    });
    const count = lines.length - (lines[lines.length - 1] === '' ? 1 : 0);
    if (count > MAX_LINES && !file.endsWith('.css')) problems.push(`${file}: ${count} lines (at most ${MAX_LINES})`);
  }
  if (!file.endsWith('.ts')) continue;
  // Type-only imports (`import type`, `import('…').T`) are erased from every bundle: they may point anywhere.
  for (const m of text.matchAll(/((?:import|export) type [^;]*?from\s*|from\s*|import\s*\(\s*)'([^']+)'(\)\.)?/g)) {
    if (/^(import|export) type/.test(m[1]) || m[3]) continue;
    const to = target(file, m[2]);
    if (to && !allowed(file, to)) problems.push(`${file}: imports ${to}, against the direction of imports`);
  }
}

if (problems.length) {
  console.error(problems.join('\n'));
  console.error(`\n${problems.length} house-rule problem(s): see test/lint/house-rules.ts`);
  process.exit(1);
}
console.log(`house rules: ${files.length} files, no problems`);
