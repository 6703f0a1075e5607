// Runtime configuration: every environment variable a handler reads, named once here and read once, at
// cold start. The CDK stack sets them by these names (infra/stage-config.ts, the constructs) and the local
// runtime the same way, so a name can never differ between the one who writes it and the one who reads it.
// A variable a handler needs but was not given fails its first init, not a request in the middle of the night.

import type { IntakeClients } from './principal.ts';
import { INTAKE_SOURCES } from './vocabulary.ts';

/** Every environment variable of the handlers, by what it holds. */
export const ENV = {
  tableName: 'TABLE_NAME',
  stage: 'STAGE',
  followUpOffsetsDays: 'FOLLOW_UP_OFFSETS_DAYS',
  followUpMissedAfterDays: 'FOLLOW_UP_MISSED_AFTER_DAYS',
  followUpRetryDays: 'FOLLOW_UP_RETRY_DAYS',
  statsSmallCell: 'STATS_SMALL_CELL',
  shelterDefaultDays: 'SHELTER_DEFAULT_DAYS',
  shelterMaxDays: 'SHELTER_MAX_DAYS',
  idempotencyTtlSeconds: 'IDEMPOTENCY_TTL_SECONDS',
  maxBodyBytes: 'MAX_BODY_BYTES',
  escalationWindowsHours: 'ESCALATION_WINDOWS_HOURS',
  retentionYears: 'RETENTION_YEARS',
  escalationStateMachineArn: 'ESCALATION_STATE_MACHINE_ARN',
  userPoolId: 'USER_POOL_ID',
  intakeClients: 'INTAKE_CLIENTS',
  accountQueueUrl: 'ACCOUNT_QUEUE_URL',
  escalationSmsDailyCap: 'ESCALATION_SMS_DAILY_CAP',
  reportsTopicArn: 'REPORTS_TOPIC_ARN',
  webUrl: 'WEB_URL',
  smsSenderId: 'SMS_SENDER_ID',
  smsEntityId: 'SMS_ENTITY_ID',
  smsTemplateIds: 'SMS_TEMPLATE_IDS',
  lookupKeySecret: 'LOOKUP_KEY_SECRET',
  documentsBucket: 'DOCUMENTS_BUCKET',
  documentUploadSeconds: 'DOCUMENT_UPLOAD_SECONDS',
  documentDownloadSeconds: 'DOCUMENT_DOWNLOAD_SECONDS',
  /** Locally only: the S3 stand-in, addressed by path (http://127.0.0.1:<port>/<bucket>/<key>); AWS's own name. */
  s3Endpoint: 'AWS_ENDPOINT_URL_S3',
  serviceName: 'SERVICE_NAME',
  metricsNamespace: 'METRICS_NAMESPACE',
  /** DEBUG, INFO (the default), WARN, ERROR or SILENT; without it, Lambda's own AWS_LAMBDA_LOG_LEVEL. */
  logLevel: 'LOG_LEVEL',
  /** Locally `false`: no metric lines among the local runtime's output. */
  metricsEnabled: 'METRICS_ENABLED',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

export interface RuntimeConfig {
  /** The one table; absent only for the table-free OpenAPI handler. */
  tableName?: string;
  stage: string;
  /** Days after resolution at which follow-ups fall due; the last must be at least 180. */
  followUpOffsetsDays: number[];
  /** Days a follow-up may stay overdue before it is marked missed and escalated. */
  missedAfterDays: number;
  /** Days until an unreachable woman is tried again. */
  unreachableRetryDays: number;
  /** Figures below this are shown as "<n>" in rows below the state level. */
  smallCellThreshold: number;
  /** The OSC's temporary shelter: days of a stay by default, and at most (with a reason). */
  shelter: { defaultDays: number; maxDays: number };
  /** How long an Idempotency-Key is remembered. */
  idempotencyTtlSeconds: number;
  /** The API's own body limit (the gateway's is 10 MB). */
  maxBodyBytes: number;
  /** How long each escalation level has to acknowledge: centre, district, state. */
  escalationWindowsHours: number[];
  /**
   * Years after a case ended (closed, withdrawn, referred away) before it is anonymised. No period is set in
   * law for One-Stop Centre records (DOMAIN.md): a stage setting, 7 years by default.
   */
  retentionYears: number;
  escalationStateMachineArn?: string;
  userPoolId?: string;
  /** The 181 / 112 machine clients: which app client ids are which control room (intake routes only). */
  intakeClients: IntakeClients;
  /** The queue of account requests (the stream dispatcher sends, account-sync consumes). */
  accountQueueUrl?: string;
  /** Escalation SMS one centre may cause in one IST day; past it the escalation goes on without SMS. */
  escalationSmsDailyCap: number;
  reportsTopicArn?: string;
  /** The form's address, for links in report e-mails. */
  webUrl: string;
  sms: { senderId: string; entityId: string; templateIds: Record<string, string> };
  /**
   * The stage's secret for the keyed hashes (HMAC-SHA256) of phones and names in the similar-case lookup
   * keys; only the handlers that write those keys get it. It must never change: keys made with another
   * secret no longer meet.
   */
  lookupKeySecret?: string;
  documents: {
    /** The case documents bucket; absent for handlers that do not touch documents. */
    bucket?: string;
    /** How long an upload URL stays valid (the upload window). */
    uploadSeconds: number;
    /** How long a download link stays valid: at most 60 seconds. */
    downloadSeconds: number;
    /** An S3-compatible endpoint instead of S3 (the local stand-in); absent in AWS. */
    endpoint?: string;
  };
  serviceName: string;
  metricsNamespace: string;
  logLevel?: string;
  metricsEnabled: boolean;
}

type Env = Record<string, string | undefined>;

function positiveInts(env: Env, name: EnvName, fallback: string): number[] {
  const list = (env[name] || fallback).split(',').map((s) => Number(s.trim()));
  if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error(`${name} must be a list of positive whole numbers`);
  }
  return list;
}

function positiveInt(env: Env, name: EnvName, fallback: number): number {
  const raw = env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number`);
  return n;
}

const optional = (env: Env, name: EnvName) => (env[name] ? env[name] : undefined);

/** `{"HELPLINE_181": ["<client id>", ...], "ERSS_112": [...]}`; absent: no machine client is a control room. */
function intakeClients(env: Env): IntakeClients {
  const raw = env[ENV.intakeClients];
  if (!raw) return {};
  const fail = () => new Error(`${ENV.intakeClients} must map ${INTAKE_SOURCES.join(' / ')} to lists of client ids`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw fail();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw fail();
  const out: IntakeClients = {};
  for (const [source, ids] of Object.entries(parsed)) {
    const known = INTAKE_SOURCES.find((s) => s === source);
    if (!known || !Array.isArray(ids) || ids.some((id) => typeof id !== 'string' || id === '')) throw fail();
    out[known] = ids as string[];
  }
  // One client is one control room: an id under both sources would let it refer as either.
  const all = Object.values(out).flat();
  if (new Set(all).size !== all.length) throw fail();
  return out;
}

/** Reads and checks the whole configuration from an environment (process.env in a handler). */
export function readConfig(env: Env): RuntimeConfig {
  const offsets = positiveInts(env, ENV.followUpOffsetsDays, '7,30,60,90,120,150,180').sort((a, b) => a - b);
  if (Math.max(...offsets) < 180) throw new Error(`${ENV.followUpOffsetsDays} must reach at least 180 days`);
  const windows = positiveInts(env, ENV.escalationWindowsHours, '24,48,72');
  if (windows.length !== 3) throw new Error(`${ENV.escalationWindowsHours} must give three windows`);
  const shelter = {
    defaultDays: positiveInt(env, ENV.shelterDefaultDays, 5),
    maxDays: positiveInt(env, ENV.shelterMaxDays, 10),
  };
  if (shelter.maxDays < shelter.defaultDays)
    throw new Error(`${ENV.shelterMaxDays} must be at least ${ENV.shelterDefaultDays}`);
  let templateIds: Record<string, string> = {};
  if (env[ENV.smsTemplateIds]) {
    try {
      templateIds = JSON.parse(env[ENV.smsTemplateIds] as string) as Record<string, string>;
    } catch {
      throw new Error(`${ENV.smsTemplateIds} must be a JSON object`);
    }
  }
  const downloadSeconds = positiveInt(env, ENV.documentDownloadSeconds, 60);
  if (downloadSeconds > 60) throw new Error(`${ENV.documentDownloadSeconds} must be at most 60`);
  return {
    tableName: optional(env, ENV.tableName),
    stage: env[ENV.stage] || 'dev',
    followUpOffsetsDays: offsets,
    missedAfterDays: positiveInt(env, ENV.followUpMissedAfterDays, 3),
    unreachableRetryDays: positiveInt(env, ENV.followUpRetryDays, 3),
    smallCellThreshold: positiveInt(env, ENV.statsSmallCell, 5),
    shelter,
    idempotencyTtlSeconds: positiveInt(env, ENV.idempotencyTtlSeconds, 48 * 3600),
    maxBodyBytes: positiveInt(env, ENV.maxBodyBytes, 64 * 1024),
    escalationWindowsHours: windows,
    retentionYears: positiveInt(env, ENV.retentionYears, 7),
    escalationStateMachineArn: optional(env, ENV.escalationStateMachineArn),
    userPoolId: optional(env, ENV.userPoolId),
    intakeClients: intakeClients(env),
    accountQueueUrl: optional(env, ENV.accountQueueUrl),
    escalationSmsDailyCap: positiveInt(env, ENV.escalationSmsDailyCap, 100),
    reportsTopicArn: optional(env, ENV.reportsTopicArn),
    webUrl: env[ENV.webUrl] ?? '',
    sms: {
      senderId: env[ENV.smsSenderId] || 'SAKHIO',
      entityId: env[ENV.smsEntityId] || '1001000000000000000',
      templateIds,
    },
    lookupKeySecret: optional(env, ENV.lookupKeySecret),
    documents: {
      bucket: optional(env, ENV.documentsBucket),
      uploadSeconds: positiveInt(env, ENV.documentUploadSeconds, 300),
      downloadSeconds,
      endpoint: optional(env, ENV.s3Endpoint),
    },
    serviceName: env[ENV.serviceName] || 'sakhi-osc',
    metricsNamespace: env[ENV.metricsNamespace] || 'SakhiOsc',
    logLevel: optional(env, ENV.logLevel),
    metricsEnabled: env[ENV.metricsEnabled] !== 'false',
  };
}

let cached: RuntimeConfig | undefined;

/** The configuration of this process, read on first use (a Lambda's cold start). */
export function config(): RuntimeConfig {
  cached ??= readConfig(process.env);
  return cached;
}

/** A setting this handler cannot work without: its absence is a deployment mistake, said by name. */
export function required<T>(value: T | undefined, name: EnvName): T {
  if (value === undefined || value === '') throw new Error(`Missing environment variable ${name}`);
  return value;
}

/** For the local runtime and tests, which set the environment after this module was loaded. */
export function resetConfig(): void {
  cached = undefined;
}
