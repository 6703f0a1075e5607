// `npm run import -- --table <name> --file <csv> [--kind cases|staff|figures] [--centre <centreId>]
//   [--dry-run] [--region ap-south-1] [--stage prod] [--actor <name>] [--endpoint URL]`
// Go-live imports for state IT, straight into a stage's table: a centre's register (cases, the default), its
// roster (staff) or figures of earlier years (figures). The same code path as the API's import routes (the
// import services in shared/imports/), so a file checks and imports exactly as it would through the form.
// The actor recorded in history and audit is the person running it (`--actor`, else the OS user), with
// state-wide scope. --dry-run checks every row and writes nothing. Re-running a file adds nothing twice.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CaseRegistry } from '#shared/cases/registration.ts';
import { ENV } from '#shared/core/config.ts';
import type { Principal } from '#shared/core/principal.ts';
import { CaseImport } from '#shared/imports/case-import.ts';
import { importFigures } from '#shared/imports/figures-import.ts';
import type { ImportReport } from '#shared/imports/outcome.ts';
import { RosterImport } from '#shared/imports/roster-import.ts';
import { CentreStore } from '#shared/network/centre-store.ts';
import { Roster } from '#shared/network/roster.ts';
import { ReportedFigures } from '#shared/oversight/reported.ts';
import { handlerEnvironment, loadStageConfig } from '../stage-config.ts';

const USAGE =
  'Usage: npm run import -- --table <table name> --file <file.csv> [--kind cases|staff|figures] ' +
  '[--centre <centreId>] [--dry-run] [--region ap-south-1] [--stage prod] [--actor <name>] [--endpoint URL]';

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    file: { type: 'string' },
    kind: { type: 'string', default: 'cases' },
    centre: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    region: { type: 'string', default: process.env.AWS_REGION ?? 'ap-south-1' },
    stage: { type: 'string', default: 'prod' },
    actor: { type: 'string' },
    endpoint: { type: 'string' },
  },
});
const kind = values.kind;
if (
  !values.table ||
  !values.file ||
  !['cases', 'staff', 'figures'].includes(kind) ||
  (kind !== 'figures' && !values.centre)
) {
  console.error(USAGE);
  console.error('--centre is needed for cases and staff.');
  process.exit(2);
}

// The stage's own follow-up plan (the offsets the deployed handlers use), from its typed config.
const offsets = handlerEnvironment(loadStageConfig(values.stage))
  .shared[ENV.followUpOffsetsDays].split(',')
  .map(Number);

let text: string;
try {
  text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(values.file));
} catch (err) {
  console.error(
    (err as NodeJS.ErrnoException).code ? (err as Error).message : 'The file is not UTF-8: save it as "CSV UTF-8".',
  );
  process.exit(2);
}

const name = values.actor ?? userInfo().username;
const actor: Principal = { userId: `cli:${name}`, username: name, role: 'state-admin' };
const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ region: values.region, ...(values.endpoint ? { endpoint: values.endpoint } : {}) }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const table = values.table;
const centres = new CentreStore(doc, table);
const opts = { dryRun: values['dry-run'], now: new Date() };

let report: ImportReport & { updated?: number };
try {
  if (kind === 'cases') {
    const service = new CaseImport(doc, table, new CaseRegistry(doc, table, centres), centres, offsets);
    report = await service.run(values.centre as string, text, actor, opts);
  } else if (kind === 'staff') {
    const service = new RosterImport(doc, table, new Roster(doc, table, centres), centres);
    report = await service.run(values.centre as string, text, actor, opts);
  } else {
    report = await importFigures(new ReportedFigures(doc, table, centres), text, actor, opts);
  }
} catch (err) {
  // The same refusals the API gives (a file that is not CSV, unknown columns, problems in rows): said plainly.
  const e = err as Error & { statusCode?: number; errors?: Array<{ row?: number; column?: string; message: string }> };
  if (!e.statusCode) throw err;
  console.error(`Refused (${e.statusCode}): ${e.message}`);
  for (const p of e.errors ?? []) console.error(`  row ${p.row ?? '-'}, ${p.column ?? '-'}: ${p.message}`);
  process.exit(1);
}

console.log(
  `${opts.dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${report.rows} rows, ${report.valid} valid, ` +
    `${report.errors.length} problems, ${report.created} created, ${report.updated ?? 0} updated, ` +
    `${report.skipped} already there.`,
);
for (const p of report.errors) console.log(`  row ${p.row}, ${p.column}: ${p.message} (${p.code})`);
process.exit(report.errors.length ? 1 : 0);
