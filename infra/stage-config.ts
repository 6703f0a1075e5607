// One typed, validated configuration per stage: the only file state IT edits to deploy dev, staging or prod
// (`-c stage=prod`). Bihar's values are the default; another state deploys the same code with its own
// values here. Nothing in it is a physical resource name, so stages can share an AWS account.
//
// Classic zod (not zod/mini) on purpose: this module runs only in the CDK app, never in a Lambda bundle, and
// its error messages are what a person reads when a deploy is refused.
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as z from 'zod';
import { ENV } from '#shared/core/config.ts';
import type { Language } from '#shared/core/vocabulary.ts';
import { TEMPLATES, type TemplateName } from '#shared/notifications/sms.ts';

export const STAGES = ['dev', 'staging', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

/**
 * The SMS templates registered with the DLT (India's distributed-ledger SMS registry): one for each message
 * template and language of shared/sms.ts, `<template>.<language>`, the key the handlers look the id up by.
 */
export type SmsTemplate = `${TemplateName}.${Language}`;
export const SMS_TEMPLATES = (Object.keys(TEMPLATES) as TemplateName[]).flatMap((name) =>
  (Object.keys(TEMPLATES[name]) as Language[]).map((lang): SmsTemplate => `${name}.${lang}`),
) as [SmsTemplate, ...SmsTemplate[]];

/** CloudWatch Logs accepts only these retention periods. */
const RETENTION_PERIODS = (Object.values(RetentionDays).filter((v) => typeof v === 'number') as number[]).sort(
  (a, b) => a - b,
);

const positiveInt = z.number().int().positive();
/** DLT entity and template ids are 19-digit numbers, kept as strings (they exceed 2^53). */
const dltId = z.string().regex(/^\d{19}$/, 'must be a 19-digit DLT id');

const stageConfigSchema = z
  .strictObject({
    stage: z.enum(STAGES),
    /** Absent: CDK_DEFAULT_ACCOUNT (the credentials in use), or an environment-agnostic stack. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    /** Mumbai: the data of Indian survivors stays in India. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as ap-south-1')
      .default('ap-south-1'),
    /** What `cdk destroy` (or a replacement) does to the table, key, user pool and logs. */
    removalPolicy: z.union([z.literal(RemovalPolicy.RETAIN), z.literal(RemovalPolicy.DESTROY)]),
    /** DynamoDB and Cognito deletion protection, and CloudFormation termination protection. */
    deletionProtection: z.boolean(),
    pointInTimeRecovery: z.boolean().default(true),
    logRetentionDays: z
      .number()
      .refine(
        (d) => RETENTION_PERIODS.includes(d),
        `must be a CloudWatch Logs retention period (${RETENTION_PERIODS.join(', ')})`,
      ),
    apiThrottle: z.strictObject({
      /** Steady requests per second for the whole API stage. */
      rateLimit: z.number().positive(),
      burstLimit: positiveInt,
    }),
    /** The machine intake route (POST /referrals) of the 181 / 112 control rooms, below the stage's limit. */
    machineIntakeThrottle: z
      .strictObject({ rateLimit: z.number().positive(), burstLimit: positiveInt })
      .default({ rateLimit: 5, burstLimit: 10 }),
    /** Requests per 5 minutes from one IP address before WAF blocks it (a centre's staff share one IP). */
    wafRateLimitPer5Minutes: positiveInt.min(100).default(2000),
    /**
     * The generation of the secret CloudFront adds to API requests (the API refuses requests without it).
     * Raise it by one and deploy to rotate: the previous generation stays accepted for that deploy.
     */
    originSecretGeneration: positiveInt.default(1),
    /**
     * What the firewall does with a request without the origin secret. `count` only for the first deploy of
     * the check to a running stage: CloudFront's edges take minutes to send the header, the firewall seconds
     * to require it. Deploy with `count`, see OnlyThroughCloudFront count only direct calls, then `block`.
     */
    originCheck: z.enum(['block', 'count']).default('block'),
    alarmEmail: z.email(),
    sms: z.strictObject({
      /** The 6-letter DLT header the SMS come from. */
      senderId: z.string().regex(/^[A-Z]{6}$/, 'must be a 6-letter upper-case DLT header'),
      /** DLT principal entity id of the sender. */
      entityId: dltId,
      /** One DLT template id for each message template and language. */
      templateIds: z.record(z.enum(SMS_TEMPLATES), dltId),
      /**
       * SNS monthly SMS spend limit (USD), set on the account by the stack. Above the account's SNS quota
       * (USD 1 until AWS raises it on request) SNS refuses it, and the deploy fails: raise the quota first.
       */
      monthlySpendLimitUsd: z.number().int().positive(),
      /** The spend alarm fires at this share of the limit (percent). */
      spendAlarmPercent: z.number().int().min(1).max(100).default(80),
      /**
       * Whether this stage sets the account's SMS settings (spend limit, type, sender, delivery logs). They
       * are per account and region: of two stages sharing one, only one should.
       */
      manageAccountSettings: z.boolean().default(true),
      /** Share of successful deliveries SNS logs to CloudWatch Logs (failures are always logged). */
      deliveryStatusSuccessSamplingPercent: z.number().int().min(0).max(100).default(100),
      /**
       * Escalation SMS one centre may cause in one IST day; past it, escalations are recorded and go on
       * without SMS, and the operators are alarmed. So a flood of high-risk cases at one centre cannot drain
       * the month's spend limit for the whole state.
       */
      escalationDailyCapPerCentre: positiveInt.default(100),
    }),
    /**
     * Roles people assume for operations on the case data (the counter backfill, a point-in-time restore):
     * the data key's policy names them. Nobody else in the account may use the key on data.
     */
    dataOperatorRoleArns: z
      .array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, 'must be an IAM role ARN'))
      .default([]),
    /** Who receives the weekly state review and monthly district reports (by e-mail: a link, no figures). */
    reportEmails: z.array(z.email()).min(1),
    /** Figures below this are shown as "<n" below the state level, so nobody can be singled out. */
    statsSmallCellThreshold: positiveInt.default(5),
    /** Days after resolution at which follow-ups fall due. */
    followUpOffsetsDays: z
      .array(positiveInt)
      .min(1)
      .default([7, 30, 60, 90, 120, 150, 180])
      .refine((a) => a.every((d, i) => i === 0 || d > a[i - 1]), 'must be in increasing order without repeats')
      .refine((a) => Math.max(...a) >= 180, 'must reach at least 180 days (six months of monitoring after resolution)'),
    /** Days a follow-up may stay overdue before it is marked missed and escalated. */
    followUpMissedAfterDays: positiveInt.default(3),
    /** Days until an unreachable woman is tried again. */
    followUpRetryDays: positiveInt.default(3),
    /** Hours each escalation level (centre admin, district officer, state) has to acknowledge. */
    escalationWindowsHours: z.array(positiveInt).length(3).default([24, 48, 72]),
    /**
     * The secret of the similar-case lookup keys to use instead of a new one: only for a stage rebuilt around
     * a retained table, whose keys were made with the retained secret (its complete ARN).
     */
    lookupKeySecretArn: z
      .string()
      .regex(
        /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+$/,
        'must be a Secrets Manager secret ARN',
      )
      .optional(),
    /** Case documents (FIR copies, medical reports, court orders) in their own encrypted bucket. */
    documents: z
      .strictObject({
        /** How long an upload URL is valid: the time a worker has to send the file once she has chosen it. */
        uploadUrlMinutes: positiveInt.max(60).default(5),
        /** How long a download link is valid: the contract's limit is 60 seconds. */
        downloadUrlSeconds: positiveInt.max(60).default(60),
        /** Days S3 keeps a version that is no longer current (a replaced or deleted object) before expiring it. */
        noncurrentVersionDays: positiveInt.max(365).default(7),
      })
      .default({ uploadUrlMinutes: 5, downloadUrlSeconds: 60, noncurrentVersionDays: 7 }),
    /**
     * Years after a case ended (CLOSED, WITHDRAWN or REFERRED away) before the daily retention job removes her
     * identity, story, notes and documents. No retention period for OSC records is set in law or in the 2017
     * guidelines (DOMAIN.md): the state decides and writes it here. A case on legal hold is kept regardless.
     */
    retentionYears: positiveInt.max(100).default(7),
    /** Shared computers: the form locks after this many minutes without input... */
    idleLockMinutes: positiveInt.max(60).default(15),
    /** ...and signs out (dropping any unsent draft) this many minutes after locking. */
    idleSignOutMinutes: positiveInt.max(60).default(5),
    /** The staff form's host name, once it has one (CloudFront otherwise). */
    webDomain: z
      .string()
      .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a host name such as osc.bihar.gov.in')
      .optional(),
  })
  .superRefine((c, ctx) => {
    if (c.stage !== 'prod') return;
    // Survivors' records must outlive any mistake in a deploy.
    if (c.removalPolicy !== RemovalPolicy.RETAIN)
      ctx.addIssue({ code: 'custom', path: ['removalPolicy'], message: 'must be RETAIN in prod' });
    if (!c.deletionProtection)
      ctx.addIssue({ code: 'custom', path: ['deletionProtection'], message: 'must be true in prod' });
    if (!c.pointInTimeRecovery)
      ctx.addIssue({ code: 'custom', path: ['pointInTimeRecovery'], message: 'must be true in prod' });
    if (c.logRetentionDays < 365)
      ctx.addIssue({ code: 'custom', path: ['logRetentionDays'], message: 'must be at least 365 in prod' });
  });

export type StageConfig = z.output<typeof stageConfigSchema>;
export type StageConfigInput = z.input<typeof stageConfigSchema>;

// Placeholders until the state's DLT registration is done: real ids replace them before SMS go out.
const SMS_PLACEHOLDER = {
  senderId: 'SAKHIO',
  entityId: '1001000000000000001',
  // 1007000000000000001, ...002, ... in the order of shared/sms.ts TEMPLATES.
  templateIds: Object.fromEntries(
    SMS_TEMPLATES.map((t, i) => [t, String(1007000000000000000n + BigInt(i + 1))]),
  ) as Record<SmsTemplate, string>,
} satisfies Partial<StageConfigInput['sms']>;

export const STAGE_CONFIGS: Record<Stage, StageConfigInput> = {
  dev: {
    stage: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    pointInTimeRecovery: true,
    logRetentionDays: 30,
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    alarmEmail: 'osc-alarms-dev@example.org',
    reportEmails: ['osc-reports-dev@example.org'],
    sms: { ...SMS_PLACEHOLDER, monthlySpendLimitUsd: 5 },
  },
  staging: {
    stage: 'staging',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    pointInTimeRecovery: true,
    logRetentionDays: 90,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    alarmEmail: 'osc-alarms-staging@example.org',
    reportEmails: ['osc-reports-staging@example.org'],
    sms: { ...SMS_PLACEHOLDER, monthlySpendLimitUsd: 20 },
  },
  prod: {
    stage: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    pointInTimeRecovery: true,
    logRetentionDays: 365,
    // 39 centres of about ten staff each, plus the 181 / 112 integrations.
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    alarmEmail: 'osc-alarms@example.org',
    reportEmails: ['osc-reports@example.org'],
    sms: { ...SMS_PLACEHOLDER, monthlySpendLimitUsd: 200 },
  },
};

const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);

/** Validates one stage's raw config; the error names the stage and every bad field. */
export function parseStageConfig(stage: string, raw: unknown): StageConfig {
  const result = stageConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration for stage "${stage}" (infra/stage-config.ts):\n${problems}`);
  }
  if (result.data.stage !== stage) {
    throw new Error(
      `Invalid configuration for stage "${stage}" (infra/stage-config.ts):\n` +
        `  stage: is "${result.data.stage}", expected "${stage}"`,
    );
  }
  return result.data;
}

/** The validated config of a stage (`-c stage=...`); the account falls back to CDK_DEFAULT_ACCOUNT. */
export function loadStageConfig(stage: string): StageConfig {
  if (!isStage(stage)) throw new Error(`Unknown stage "${stage}": use -c stage=${STAGES.join('|')}`);
  const raw = STAGE_CONFIGS[stage];
  return parseStageConfig(stage, { ...raw, account: raw.account ?? (process.env.CDK_DEFAULT_ACCOUNT || undefined) });
}

/**
 * The environment a stage gives its handlers, from its config: used by the stack for every Lambda, and by
 * the local runtime (with the dev stage), so local SMS carry the same DLT attributes and the follow-up plan
 * the same offsets as in AWS.
 */
export function handlerEnvironment(config: StageConfig): {
  shared: Record<string, string>;
  sms: Record<string, string>;
  escalation: Record<string, string>;
  documents: Record<string, string>;
} {
  return {
    shared: {
      [ENV.stage]: config.stage,
      [ENV.followUpOffsetsDays]: config.followUpOffsetsDays.join(','),
      [ENV.followUpMissedAfterDays]: String(config.followUpMissedAfterDays),
      [ENV.followUpRetryDays]: String(config.followUpRetryDays),
      [ENV.statsSmallCell]: String(config.statsSmallCellThreshold),
      [ENV.retentionYears]: String(config.retentionYears),
    },
    sms: {
      [ENV.smsSenderId]: config.sms.senderId,
      [ENV.smsEntityId]: config.sms.entityId,
      [ENV.smsTemplateIds]: JSON.stringify(config.sms.templateIds),
    },
    escalation: {
      [ENV.escalationWindowsHours]: config.escalationWindowsHours.join(','),
      [ENV.escalationSmsDailyCap]: String(config.sms.escalationDailyCapPerCentre),
    },
    documents: {
      [ENV.documentUploadSeconds]: String(config.documents.uploadUrlMinutes * 60),
      [ENV.documentDownloadSeconds]: String(config.documents.downloadUrlSeconds),
    },
  };
}

/** What the staff form reads from its config.json about shared computers (in seconds, so tests can shorten it). */
export function idleSettings(config: StageConfig): { lockAfterSeconds: number; signOutAfterSeconds: number } {
  return { lockAfterSeconds: config.idleLockMinutes * 60, signOutAfterSeconds: config.idleSignOutMinutes * 60 };
}
