// What the prod stack holds that costs money by the month, read from its synthesized template: alarms,
// dashboards, keys, secrets, the firewall's rules, machine clients, schedules (how often each runs), log
// retention, PITR. Synthesized in a child process (inventory-child.ts: aws-cdk-lib is heavy), read here.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Inventory } from './cost-model.ts';
import { ROOT } from './stats.ts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The values one field of a cron expression allows, within [min, max] (names as AWS spells them). */
export function cronField(field: string, min: number, max: number, names: string[] = [], base = min): Set<number> {
  const out = new Set<number>();
  const value = (s: string) => {
    const named = names.indexOf(s.toUpperCase());
    return named >= 0 ? named + base : Number(s);
  };
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let lo = min;
    let hi = max;
    if (range !== '*' && range !== '?') {
      const [a, b] = range.split('-');
      lo = value(a);
      hi = b !== undefined ? value(b) : stepText ? max : lo;
    }
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || !(step > 0))
      throw new Error(`cannot read cron field "${field}"`);
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

/**
 * How many times a month (the average over a non-leap year) an EventBridge Scheduler expression fires:
 * `cron(min hour day-of-month month day-of-week year)` or `rate(n unit)`. Day of week 1–7 is SUN–SAT.
 */
export function runsPerMonth(expression: string): number {
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/.exec(expression.trim());
  if (rate) {
    const minutes = Number(rate[1]) * { minute: 1, hour: 60, day: 1440 }[rate[2] as 'minute' | 'hour' | 'day'];
    return (365 * 1440) / minutes / 12;
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) throw new Error(`not a schedule expression: ${expression}`);
  const [min, hour, dom, month, dow] = cron[1].trim().split(/\s+/);
  const minutes = cronField(min, 0, 59);
  const hours = cronField(hour, 0, 23);
  const doms = dom === '?' ? undefined : cronField(dom.replace('L', '31'), 1, 31);
  const months = cronField(month, 1, 12, MONTHS, 1);
  const dows = dow === '?' ? undefined : cronField(dow, 1, 7, DAYS, 1);
  let days = 0;
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    if (!months.has(d.getUTCMonth() + 1)) continue;
    if (doms && !doms.has(d.getUTCDate())) continue;
    if (dows && !dows.has(d.getUTCDay() + 1)) continue;
    days++;
  }
  return (days * hours.size * minutes.size) / 12;
}

type Resource = { Type: string; Properties?: Record<string, any> };

const refOf = (v: unknown): string | undefined => {
  const o = v as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return o?.Ref ?? o?.['Fn::GetAtt']?.[0];
};

/** The inventory of a synthesized template (CloudFormation JSON). */
export function inventoryOf(template: { Resources: Record<string, Resource> }): Inventory {
  const all = Object.entries(template.Resources);
  const of = (type: string) => all.filter(([, r]) => r.Type === type);
  const handlerOfFunction = (id: string | undefined) => {
    const fn = id ? template.Resources[id] : undefined;
    const role = template.Resources[refOf(fn?.Properties?.Role) ?? ''];
    return /Sakhi OSC (\S+) handler/.exec(String(role?.Properties?.Description ?? ''))?.[1] ?? 'unknown';
  };
  const ours = of('AWS::Lambda::Function').filter(([, r]) => (r.Properties?.Architectures ?? []).includes('arm64'));
  const memories = ours.map(([, r]) => Number(r.Properties?.MemorySize ?? 128)).sort((a, b) => a - b);
  const retention = of('AWS::Logs::LogGroup').map(([, r]) => Number(r.Properties?.RetentionInDays ?? 0));
  const tableAccess = ours.filter(([, r]) => r.Properties?.Environment?.Variables?.TABLE_NAME !== undefined);
  const alarmMetrics = new Set<string>();
  for (const [, a] of of('AWS::CloudWatch::Alarm')) {
    const ns = a.Properties?.Namespace;
    if (typeof ns === 'string' && !ns.startsWith('AWS/')) alarmMetrics.add(`${ns}|${a.Properties?.MetricName}`);
    for (const q of a.Properties?.Metrics ?? []) {
      const stat = q.MetricStat?.Metric;
      if (stat && typeof stat.Namespace === 'string' && !stat.Namespace.startsWith('AWS/'))
        alarmMetrics.add(`${stat.Namespace}|${stat.MetricName}`);
    }
  }
  // CloudWatch bills an alarm per metric it watches: a metric-math alarm over ten functions' errors is ten.
  const alarmMetricCount = of('AWS::CloudWatch::Alarm').reduce((n, [, a]) => {
    const stats = (a.Properties?.Metrics ?? []).filter((q: { MetricStat?: unknown }) => q.MetricStat).length;
    return n + Math.max(1, stats);
  }, 0);
  return {
    alarms: alarmMetricCount + of('AWS::CloudWatch::CompositeAlarm').length,
    dashboards: of('AWS::CloudWatch::Dashboard').length,
    kmsKeys: of('AWS::KMS::Key').length,
    secrets: of('AWS::SecretsManager::Secret').length,
    wafWebAcls: of('AWS::WAFv2::WebACL').length,
    wafRules: of('AWS::WAFv2::WebACL').reduce((n, [, r]) => n + (r.Properties?.Rules ?? []).length, 0),
    m2mClients: of('AWS::Cognito::UserPoolClient').filter(([, r]) =>
      (r.Properties?.AllowedOAuthFlows ?? []).includes('client_credentials'),
    ).length,
    logRetentionDays: Math.max(0, ...retention),
    pitr: of('AWS::DynamoDB::Table').some(
      ([, r]) =>
        r.Properties?.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true ||
        r.Properties?.PointInTimeRecoveryEnabled === true,
    ),
    lambdaMemoryMb: memories.length ? memories[Math.floor(memories.length / 2)] : 512,
    memoryByHandler: Object.fromEntries(
      ours.map(([id, r]) => [handlerOfFunction(id), Number(r.Properties?.MemorySize ?? 128)]),
    ),
    tableFunctions: tableAccess.length,
    sqsPollers: of('AWS::Lambda::EventSourceMapping').filter(([, r]) => {
      const arn = JSON.stringify(r.Properties?.EventSourceArn ?? '');
      return arn.includes('Queue') || arn.includes(':sqs:');
    }).length,
    schedules: of('AWS::Scheduler::Schedule').map(([, r]) => ({
      handler: handlerOfFunction(refOf(r.Properties?.Target?.Arn)),
      expression: String(r.Properties?.ScheduleExpression),
      runsPerMonth: runsPerMonth(String(r.Properties?.ScheduleExpression)),
    })),
    alarmMetrics: [...alarmMetrics].sort(),
  };
}

/** Synthesizes the prod stage (bundling skipped) in a child process and reads its inventory. */
export function readInventory(): Promise<Inventory> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test', 'bench', 'inventory-child.ts')],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 300_000 },
      (err, stdout, stderr) => {
        if (err)
          return fail(
            new Error(`synth of prod failed: ${stderr.trim().split('\n').slice(-3).join(' ') || err.message}`),
          );
        try {
          ok(inventoryOf(JSON.parse(stdout)));
        } catch (e) {
          fail(e as Error);
        }
      },
    );
  });
}
