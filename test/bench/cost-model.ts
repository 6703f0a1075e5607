// The cost model: the measured figures of each operation (capacity section) × how often it happens (traffic.ts)
// × the price table (prices.ts), plus what the stack costs by just existing (its inventory, read from the
// synthesized prod template). Pure arithmetic: unit tests check it, the bench prints it.
//
// Quantities are summed per service and item first, then priced, so the printed lines say what was
// counted ("4.1M read request units") as well as what it costs.
import type { OpFigures } from './capacity.ts';
import { gbSeconds } from './capacity-units.ts';
import type { Price, PriceTable } from './prices.ts';
import {
  casesPerMonth,
  DEPLOYS_PER_MONTH,
  type Deployment,
  SESSIONS_PER_USER_DAY,
  usersOf,
  WORKING_DAYS,
  WORKING_HOURS,
} from './traffic.ts';

/** What the prod stack holds that costs money by the month (read from its synthesized template). */
export interface Inventory {
  /** Alarm metrics (a metric-math alarm counts each metric it reads), plus composite alarms. */
  alarms: number;
  dashboards: number;
  kmsKeys: number;
  secrets: number;
  wafWebAcls: number;
  wafRules: number;
  /** Machine-to-machine app clients (client-credentials grant: the 181 / 112 control rooms). */
  m2mClients: number;
  logRetentionDays: number;
  pitr: boolean;
  /** Memory of most functions (MB): the median over the stack's own functions. */
  lambdaMemoryMb: number;
  /** Memory of each handler's function (MB), by handler id (functions/<id>). */
  memoryByHandler: Record<string, number>;
  /** Functions with access to the table (each caches the table's KMS data key for five minutes). */
  tableFunctions: number;
  /** Lambda event sources polling SQS queues. */
  sqsPollers: number;
  schedules: Array<{ handler: string; expression: string; runsPerMonth: number }>;
  /** Custom-namespace metrics the alarms watch. */
  alarmMetrics: string[];
}

export type Service =
  | 'DynamoDB'
  | 'Lambda'
  | 'API Gateway'
  | 'Step Functions'
  | 'EventBridge Scheduler'
  | 'CloudWatch'
  | 'WAF'
  | 'Cognito'
  | 'CloudFront'
  | 'S3'
  | 'KMS'
  | 'SQS'
  | 'Secrets Manager'
  | 'X-Ray'
  | 'SNS SMS';

export type Part = 'fixed' | 'variable';

export interface CostLine {
  service: Service;
  item: string;
  part: Part;
  quantity: number;
  unit: string;
  usd: number;
}

/** The static form's loads, from the slow-link section (or the built files when it did not run). */
export interface FormBytes {
  firstVisit: number;
  repeatVisit: number;
  firstRequests: number;
  repeatRequests: number;
}

export interface ModelInput {
  deployment: Deployment;
  /** Operation → times a month that grow with cases. */
  counts: Record<string, number>;
  /** Operation → times a month that do not (officials' figures and lists). */
  officials: Record<string, number>;
  ops: Record<string, OpFigures>;
  inventory: Inventory;
  prices: PriceTable;
  bytesPerCase: number;
  customMetrics: number;
  form: FormBytes;
  /** Cases a month (the deployment's, times a volume factor in the flatness check). */
  cases: number;
  /**
   * Years a case is kept whole: the stage's retention period after it ends (infra/stage-config.ts
   * retentionYears) and about a year of casework and monitoring before; then the retention job removes her
   * identity, story, notes and documents (the few hundred bytes left for the figures are not counted).
   */
  keptYears: number;
  /** Cold starts a month and their INIT milliseconds in all (billed since Aug 2025: prices.ts). */
  coldStarts?: { perMonth: number; initMs: number };
}

export interface ModelResult {
  lines: CostLine[];
  byService: Array<{ service: Service; fixed: number; variable: number; total: number }>;
  cases: number;
  fixedUsd: number;
  variableUsd: number;
  /** Everything but SMS. */
  totalUsd: number;
  perCaseUsd: number;
  variablePerCaseUsd: number;
  sms: { segments: number; messages: number; dltUsd: number; ildoUsd: number };
  /** Operations counted that were not measured (left out: their route is not present). */
  unmeasured: string[];
}

const GB = 1024 ** 3;
/** Assumption: CloudWatch Logs stores archived logs compressed, about 5:1 for these JSON lines. */
export const LOG_ARCHIVE_RATIO = 0.2;
/** Assumption: one response's headers (CloudFront and security headers) come to about 600 bytes. */
export const RESPONSE_HEADER_BYTES = 600;
/** Assumption: documents average 240 KB (a scanned FIR copy or medical report) and are read twice. */
export const DOCUMENT_BYTES = 240_000;
export const DOCUMENT_READS = 2;
/** Lambda keeps an SQS event source's five pollers long-polling (20 s) all month. */
const SQS_POLLS_PER_MONTH = 5 * 3 * 60 * 24 * 30;
/** DynamoDB refreshes a caller's table key from KMS about every five minutes while it is busy. */
const KMS_REFRESH_PER_HOUR = 12;

type Bucket = { service: Service; item: string; part: Part; unit: string; quantity: number; price: Price; per: number };

export function costModel(m: ModelInput): ModelResult {
  const P = m.prices;
  const buckets = new Map<string, Bucket>();
  const add = (service: Service, item: string, part: Part, unit: string, quantity: number, price: Price, per = 1) => {
    const key = `${service}|${item}|${part}`;
    const b = buckets.get(key) ?? { service, item, part, unit, quantity: 0, price, per };
    b.quantity += quantity;
    buckets.set(key, b);
  };
  const mem = m.inventory.lambdaMemoryMb;
  const memOf = (id: string) => m.inventory.memoryByHandler[id] ?? mem;
  // Each function's milliseconds at its own memory; figures without the split at the usual memory.
  const gbSecondsOf = (f: OpFigures) => {
    const split = Object.entries(f.billedByFunction ?? {});
    return split.length ? split.reduce((n, [id, ms]) => n + gbSeconds(ms, memOf(id)), 0) : gbSeconds(f.billedMs, mem);
  };
  let smsSegments = 0;
  let smsMessages = 0;
  let logBytes = 0;
  const unmeasured: string[] = [];

  const operation = (f: OpFigures, n: number, part: Part) => {
    add('DynamoDB', 'read request units', part, 'RRU', f.readUnits * n, P.dynamodb.readUnitsPerMillion, 1e6);
    add('DynamoDB', 'write request units', part, 'WRU', f.writeUnits * n, P.dynamodb.writeUnitsPerMillion, 1e6);
    add('Lambda', 'requests', part, 'requests', f.invocations * n, P.lambda.requestsPerMillion, 1e6);
    add('Lambda', 'duration', part, 'GB-s', gbSecondsOf(f) * n, P.lambda.gbSecond);
    add('API Gateway', 'REST requests', part, 'requests', f.apiRequests * n, P.apiGateway.restRequestsPerMillion, 1e6);
    add('WAF', 'requests inspected', part, 'requests', f.apiRequests * n, P.waf.requestsPerMillion, 1e6);
    add('CloudFront', 'HTTPS requests', part, 'requests', f.apiRequests * n, P.cloudfront.httpsRequestsPer10k, 1e4);
    const out = (f.responseBytes + f.apiRequests * RESPONSE_HEADER_BYTES) * n;
    add('CloudFront', 'data out to India', part, 'GB', out / GB, P.cloudfront.dataOutGbIndia);
    add(
      'Step Functions',
      'state transitions',
      part,
      'transitions',
      f.transitions * n,
      P.stepFunctions.transitionsPerThousand,
      1e3,
    );
    add(
      'EventBridge Scheduler',
      'invocations',
      part,
      'invocations',
      f.scheduler * n,
      P.scheduler.invocationsPerMillion,
      1e6,
    );
    // X-Ray (the API and every function trace actively): an API request and its handler are one trace, every
    // other invocation (stream, schedule, workflow task) at most one more: the invocations, an upper bound.
    add('X-Ray', 'traces recorded', part, 'traces', f.invocations * n, P.xray.tracesPerMillion, 1e6);
    const bytes = (f.logBytes.handler + f.logBytes.platform + f.logBytes.access + f.logBytes.sms) * n;
    logBytes += bytes;
    add('CloudWatch', 'logs ingested', part, 'GB', bytes / GB, P.cloudwatch.logIngestGb);
    smsSegments += f.smsSegments * n;
    smsMessages += f.sms * n;
  };

  for (const [op, n] of Object.entries(m.counts)) {
    const f = m.ops[op];
    if (f) operation(f, n, 'variable');
    else if (n > 0) unmeasured.push(op);
  }
  for (const [op, n] of Object.entries(m.officials)) {
    const f = m.ops[op];
    if (f) operation(f, n, 'fixed');
    else if (n > 0) unmeasured.push(op);
  }
  // Schedules run whatever the volume; the reminder sweep's work per due follow-up is in the counts above.
  for (const s of m.inventory.schedules) {
    const f = m.ops[scheduleOp(s.handler)];
    if (f) operation(f, s.runsPerMonth, 'fixed');
    else unmeasured.push(`schedule ${s.handler}`);
  }

  // Logs kept: a year of them in prod, archived compressed (steady state once the stack is that old).
  const keptMonths = Math.min(m.inventory.logRetentionDays, 3650) / 30.4;
  add(
    'CloudWatch',
    'logs archived (steady state)',
    'variable',
    'GB-month',
    (logBytes / GB) * keptMonths * LOG_ARCHIVE_RATIO,
    P.cloudwatch.logStorageGbMonth,
  );

  // Cases kept whole until the retention job (and their continuous backup): storage grows with the cases.
  const storedGb = (m.cases * 12 * m.keptYears * m.bytesPerCase) / GB;
  const years = `${Math.round(m.keptYears)} years`;
  add('DynamoDB', `storage (${years} of cases)`, 'variable', 'GB-month', storedGb, P.dynamodb.storageGbMonth);
  if (m.inventory.pitr)
    add('DynamoDB', 'point-in-time recovery', 'variable', 'GB-month', storedGb, P.dynamodb.pitrGbMonth);

  if (m.ops['document upload']) {
    const docs = m.counts['document upload'] ?? 0;
    add('S3', 'document uploads', 'variable', 'PUT', docs, P.s3.putPer1000, 1e3);
    // Read twice by staff, and once by the upload checker (its first bytes: the magic-byte check).
    add('S3', 'document reads', 'variable', 'GET', docs * (DOCUMENT_READS + 1), P.s3.getPer1000, 1e3);
    const kept = (docs * 12 * m.keptYears * DOCUMENT_BYTES) / GB;
    add('S3', `documents stored (${years})`, 'variable', 'GB-month', kept, P.s3.storageGbMonth);
  }

  if (m.coldStarts)
    add('Lambda', 'INIT (cold starts)', 'fixed', 'GB-s', gbSeconds(m.coldStarts.initMs, mem), P.lambda.gbSecond);

  // The form itself, from CloudFront: every session revalidates the page and config; each deploy, the code.
  const users = usersOf(m.deployment);
  const sessions = users * SESSIONS_PER_USER_DAY * WORKING_DAYS;
  const reloads = users * DEPLOYS_PER_MONTH;
  add(
    'CloudFront',
    'HTTPS requests',
    'fixed',
    'requests',
    sessions * m.form.repeatRequests + reloads * m.form.firstRequests,
    P.cloudfront.httpsRequestsPer10k,
    1e4,
  );
  add(
    'CloudFront',
    'data out to India',
    'fixed',
    'GB',
    (sessions * m.form.repeatVisit + reloads * m.form.firstVisit) / GB,
    P.cloudfront.dataOutGbIndia,
  );

  // What exists: the firewall, alarms, dashboard, metrics, keys, secrets, sign-in.
  const inv = m.inventory;
  add('WAF', 'web ACLs', 'fixed', 'ACL-months', inv.wafWebAcls, P.waf.webAclMonth);
  add('WAF', 'rules and managed rule groups', 'fixed', 'rule-months', inv.wafRules, P.waf.ruleMonth);
  add('CloudWatch', 'alarm metrics', 'fixed', 'alarm metric-months', inv.alarms, P.cloudwatch.alarmMonth);
  add('CloudWatch', 'dashboards', 'fixed', 'dashboard-months', inv.dashboards, P.cloudwatch.dashboardMonth);
  add('CloudWatch', 'custom metrics', 'fixed', 'metric-months', m.customMetrics, P.cloudwatch.metricMonth);
  add('KMS', 'customer-managed keys', 'fixed', 'key-months', inv.kmsKeys, P.kms.keyMonth);
  const busyHours = WORKING_DAYS * WORKING_HOURS;
  add(
    'KMS',
    'requests (table key refresh)',
    'fixed',
    'requests',
    inv.tableFunctions * KMS_REFRESH_PER_HOUR * busyHours,
    P.kms.requestsPer10k,
    1e4,
  );
  add('Secrets Manager', 'secrets', 'fixed', 'secret-months', inv.secrets, P.secretsManager.secretMonth);
  add('Cognito', 'monthly active users (Plus)', 'fixed', 'MAU', users, P.cognito.mauPlus);
  add('Cognito', 'machine clients (181, 112)', 'fixed', 'client-months', inv.m2mClients, P.cognito.m2mClientMonth);
  add(
    'SQS',
    'event source polling',
    'fixed',
    'requests',
    inv.sqsPollers * SQS_POLLS_PER_MONTH,
    P.sqs.requestsPerMillion,
    1e6,
  );

  const lines: CostLine[] = [...buckets.values()]
    .filter((b) => b.quantity > 0)
    .map((b) => ({
      service: b.service,
      item: b.item,
      part: b.part,
      quantity: b.quantity,
      unit: b.unit,
      usd: (b.quantity / b.per) * b.price.usd,
    }));
  const services = new Map<Service, { fixed: number; variable: number }>();
  for (const l of lines) {
    const s = services.get(l.service) ?? { fixed: 0, variable: 0 };
    s[l.part] += l.usd;
    services.set(l.service, s);
  }
  const byService = [...services]
    .map(([service, s]) => ({ service, ...s, total: s.fixed + s.variable }))
    .sort((a, b) => b.total - a.total);
  const fixedUsd = byService.reduce((n, s) => n + s.fixed, 0);
  const variableUsd = byService.reduce((n, s) => n + s.variable, 0);
  const totalUsd = fixedUsd + variableUsd;
  return {
    lines,
    byService,
    cases: m.cases,
    fixedUsd,
    variableUsd,
    totalUsd,
    perCaseUsd: totalUsd / m.cases,
    variablePerCaseUsd: variableUsd / m.cases,
    sms: {
      segments: smsSegments,
      messages: smsMessages,
      dltUsd: smsSegments * P.sms.indiaDltPerPart.usd,
      ildoUsd: smsSegments * P.sms.indiaIldoPerPart.usd,
    },
    unmeasured: [...new Set(unmeasured)],
  };
}

/** The measured operation that prices one run of a schedule's handler (none measured: listed as left out). */
export function scheduleOp(handler: string): string {
  const known: Record<string, string> = {
    'followup-reminders': 'reminder sweep, nothing due',
    'deadline-check': 'deadline check, nothing due',
    'weekly-review': 'weekly review',
    'monthly-district-report': 'monthly district reports',
    'document-sweep': 'document sweep, nothing due',
    retention: 'retention, nothing due',
  };
  return known[handler] ?? `schedule ${handler}`;
}

/** Cases a month of a deployment at `scale` times its volume. */
export const monthlyCases = (d: Deployment, scale = 1) => casesPerMonth(d) * scale;

/**
 * The cost per case at growing volume must not grow: the variable part stays flat (within `tolerance`) and
 * the whole falls or stays (fixed costs spread over more cases).
 */
export function perCaseTrend(
  results: Array<{ scale: number; result: ModelResult }>,
  tolerance = 0.02,
): { pass: boolean; rows: Array<{ scale: number; perCase: number; variablePerCase: number }> } {
  const rows = results.map(({ scale, result }) => ({
    scale,
    perCase: result.perCaseUsd,
    variablePerCase: result.variablePerCaseUsd,
  }));
  const base = rows[0];
  const pass = rows.every(
    (r) => r.variablePerCase <= base.variablePerCase * (1 + tolerance) && r.perCase <= base.perCase * (1 + tolerance),
  );
  return { pass, rows };
}
