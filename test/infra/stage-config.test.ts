import { RemovalPolicy } from 'aws-cdk-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadStageConfig, parseStageConfig, STAGE_CONFIGS, STAGES } from '../../infra/stage-config.ts';

describe('stage config', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('validates every stage (snapshot of the effective config)', () => {
    // Prepare
    vi.stubEnv('CDK_DEFAULT_ACCOUNT', '');
    // Act
    const configs = Object.fromEntries(STAGES.map((s) => [s, loadStageConfig(s)]));
    // Assess
    expect(configs).toMatchSnapshot();
  });

  it('keeps prod safe: retained data, PITR, deletion protection, a year of logs, Mumbai', () => {
    const prod = loadStageConfig('prod');
    expect(prod.removalPolicy).toBe(RemovalPolicy.RETAIN);
    expect(prod.pointInTimeRecovery).toBe(true);
    expect(prod.deletionProtection).toBe(true);
    expect(prod.logRetentionDays).toBeGreaterThanOrEqual(365);
    expect(prod.region).toBe('ap-south-1');
  });

  it('lets dev and staging be torn down, with shorter log retention', () => {
    expect(loadStageConfig('dev')).toMatchObject({
      removalPolicy: RemovalPolicy.DESTROY,
      deletionProtection: false,
      pointInTimeRecovery: true,
      logRetentionDays: 30,
    });
    expect(loadStageConfig('staging')).toMatchObject({
      removalPolicy: RemovalPolicy.DESTROY,
      pointInTimeRecovery: true,
      logRetentionDays: 90,
    });
  });

  it('defaults the follow-up plan to six months and the escalation windows to 24/48/72 h', () => {
    for (const stage of STAGES) {
      const c = loadStageConfig(stage);
      expect(c.followUpOffsetsDays).toEqual([7, 30, 60, 90, 120, 150, 180]);
      expect(c.followUpMissedAfterDays).toBe(3);
      expect(c.followUpRetryDays).toBe(3);
      expect(c.escalationWindowsHours).toEqual([24, 48, 72]);
      // One DLT template id per SMS message and language (shared/notifications/sms.ts).
      expect(Object.keys(c.sms.templateIds).sort()).toEqual([
        'escalation.en',
        'escalation.hi',
        'followUpDue.en',
        'followUpDue.hi',
        'followUpOverdue.en',
        'followUpOverdue.hi',
        'followUpVisit.en',
        'followUpVisit.hi',
        'referral.en',
        'referral.hi',
      ]);
    }
  });

  it('takes the account from CDK_DEFAULT_ACCOUNT when the config names none', () => {
    // Prepare
    vi.stubEnv('CDK_DEFAULT_ACCOUNT', '123456789012');
    // Act
    const dev = loadStageConfig('dev');
    // Assess
    expect(dev.account).toBe('123456789012');
  });

  it.each([
    ['prod', { removalPolicy: RemovalPolicy.DESTROY }, 'removalPolicy: must be RETAIN in prod'],
    ['prod', { deletionProtection: false }, 'deletionProtection: must be true in prod'],
    ['prod', { pointInTimeRecovery: false }, 'pointInTimeRecovery: must be true in prod'],
    ['prod', { logRetentionDays: 90 }, 'logRetentionDays: must be at least 365 in prod'],
    ['dev', { logRetentionDays: 42 }, 'logRetentionDays: must be a CloudWatch Logs retention period'],
    ['dev', { followUpOffsetsDays: [7, 30, 90] }, 'followUpOffsetsDays: must reach at least 180 days'],
    ['dev', { followUpOffsetsDays: [30, 7, 180] }, 'followUpOffsetsDays: must be in increasing order'],
    ['dev', { alarmEmail: 'nobody' }, 'alarmEmail'],
    ['dev', { region: 'mumbai' }, 'region: must be an AWS region'],
    ['dev', { tableName: 'cases' }, 'Unrecognized key: "tableName"'],
  ] as const)('rejects a bad %s config, naming the stage and the field (%j)', (stage, patch, message) => {
    // Prepare
    const raw = { ...STAGE_CONFIGS[stage], ...patch };
    // Act + Assess
    expect(() => parseStageConfig(stage, raw)).toThrow(`Invalid configuration for stage "${stage}"`);
    expect(() => parseStageConfig(stage, raw)).toThrow(message);
  });

  it('rejects an SMS template without its DLT id', () => {
    // Prepare
    const { 'escalation.hi': _dropped, ...templateIds } = STAGE_CONFIGS.dev.sms.templateIds;
    const raw = { ...STAGE_CONFIGS.dev, sms: { ...STAGE_CONFIGS.dev.sms, templateIds } };
    // Act + Assess
    expect(() => parseStageConfig('dev', raw)).toThrow('sms.templateIds.escalation.hi');
  });

  it('takes an existing lookup key secret only as a Secrets Manager ARN', () => {
    const arn = 'arn:aws:secretsmanager:ap-south-1:123456789012:secret:sakhi-lookup-AbCdEf';
    expect(parseStageConfig('dev', { ...STAGE_CONFIGS.dev, lookupKeySecretArn: arn }).lookupKeySecretArn).toBe(arn);
    expect(() => parseStageConfig('dev', { ...STAGE_CONFIGS.dev, lookupKeySecretArn: 'my-secret' })).toThrow(
      'lookupKeySecretArn: must be a Secrets Manager secret ARN',
    );
  });

  it('rejects an unknown stage with the list of stages', () => {
    expect(() => loadStageConfig('qa')).toThrow('Unknown stage "qa": use -c stage=dev|staging|prod');
  });
});
