// The stack of one stage: it only composes constructs. Data first (its ids never move), then the ops topic,
// sign-in, the scheduled and stream-driven work (reminders, escalation, reports), the API built from the
// route table, the staff form on CloudFront with the API on the same origin, the seeding of the centres,
// and last the alarms and dashboard over all of it and the account's SMS settings.
//
// To add a concern: write a construct under infra/constructs/, give it what it needs from here (`table`,
// `userPool`, `api`, `config`, `handlerDefaults`, `opsTopic`), and make its Lambdas with `newHandler` or a
// HandlerFunction, which applies this stage's settings and grants in one call; Operations then watches them.

import { join } from 'node:path';
import { Aws, CfnOutput, Duration, Lazy, NestedStack, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as triggers from 'aws-cdk-lib/triggers';
import type { Construct } from 'constructs';
import { ENV } from '#shared/core/config.ts';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import { AccountSync } from './constructs/account-sync.ts';
import { Api, tableAccessFor } from './constructs/api.ts';
import { Auth, MACHINE_CLIENTS } from './constructs/auth.ts';
import { Data } from './constructs/data.ts';
import { Documents } from './constructs/documents.ts';
import { EncryptedTopic } from './constructs/encrypted-topic.ts';
import { Escalation } from './constructs/escalation.ts';
import {
  type HandlerDefaults,
  HandlerFunction,
  type HandlerOptions,
  REPO_ROOT,
} from './constructs/handler-function.ts';
import { LookupSecret } from './constructs/lookup-secret.ts';
import { Operations } from './constructs/operations.ts';
import { OriginSecret } from './constructs/origin-secret.ts';
import { Reminders } from './constructs/reminders.ts';
import { Reports } from './constructs/reports.ts';
import { Retention } from './constructs/retention.ts';
import { SmsSettings } from './constructs/sms-settings.ts';
import { Web } from './constructs/web.ts';
import { handlerEnvironment, idleSettings, type StageConfig } from './stage-config.ts';

export interface SakhiOscStackProps extends StackProps {
  config: StageConfig;
}

export const SERVICE_NAME = 'sakhi-osc';

/**
 * The routes that write similar-case lookup keys (a registration, a correction of her details, the go-live
 * import of a register): the only handlers given the lookup key secret. A new route that registers or
 * corrects cases is added here.
 */
export const LOOKUP_KEY_ROUTES: ReadonlySet<string> = new Set([
  'create-case',
  'create-referral',
  'correct-case',
  'import-cases',
]);
export const METRICS_NAMESPACE = 'SakhiOsc';

export class SakhiOscStack extends Stack {
  readonly config: StageConfig;
  readonly data: Data;
  readonly table: dynamodb.Table;
  readonly key: kms.Key;
  readonly auth: Auth;
  readonly userPool: cognito.UserPool;
  readonly api: Api;
  /** What CloudFront adds to every API request and the API's firewall requires (rotated per stage). */
  readonly originSecret: OriginSecret;
  /** The operators' alarm topic (the stage's alarmEmail). */
  readonly opsTopic: EncryptedTopic;
  readonly reminders: Reminders;
  readonly escalation: Escalation;
  readonly reports: Reports;
  /** Case documents: the encrypted bucket, its upload checker and the sweep of uploads that never came. */
  readonly documents: Documents;
  /** The daily anonymisation of cases past the retention period. */
  readonly retention: Retention;
  /** Creates, enables and disables staff sign-ins from the ACCOUNT items roster changes write (via its queue). */
  readonly accountSync: AccountSync;
  readonly web: Web;
  readonly operations: Operations;
  /** The account's SNS SMS settings; absent when the stage leaves them to another (sms.manageAccountSettings). */
  readonly smsSettings?: SmsSettings;
  /** The key of the hashed lookup keys of her earlier visits (LOOKUP_KEY_ROUTES get it). */
  readonly lookupSecret: LookupSecret;
  /** What the handlers that send SMS need: the DLT sender, entity and template ids. */
  readonly smsEnvironment: Record<string, string>;
  /** This stage's settings for every HandlerFunction (for constructs that make their own). */
  readonly handlerDefaults: HandlerDefaults;
  /**
   * The API's route handlers, in nested stacks of their own: a Lambda, its role, policy and log group per
   * route would take the stack past CloudFormation's 500 resources (each template has its own limit, and
   * its own 200 outputs: the handlers of case routes and of the other routes are kept apart).
   */
  readonly routeFunctions: { cases: NestedStack; other: NestedStack };
  /** The REST API (resources, methods, models, permissions, firewall) in its own nested stack, for the same reason. */
  readonly apiStack: NestedStack;
  /** The form's address is known once the web distribution exists (later in the constructor). */
  private readonly reportsWebUrl = Lazy.string({ produce: () => this.webUrl });

  constructor(scope: Construct, id: string, props: SakhiOscStackProps) {
    const { config, ...stackProps } = props;
    super(scope, id, { terminationProtection: config.deletionProtection, ...stackProps });
    this.config = config;
    Tags.of(this).add('project', SERVICE_NAME);
    Tags.of(this).add('stage', config.stage);

    this.data = new Data(this, 'Data', {
      operatorRoleArns: config.dataOperatorRoleArns,
      removalPolicy: config.removalPolicy,
      deletionProtection: config.deletionProtection,
      pointInTimeRecovery: config.pointInTimeRecovery,
    });
    this.table = this.data.table;
    this.key = this.data.key;

    this.handlerDefaults = {
      table: this.table,
      logRetention: config.logRetentionDays as RetentionDays,
      removalPolicy: config.removalPolicy,
      sharedEnvironment: {
        [ENV.serviceName]: SERVICE_NAME,
        [ENV.metricsNamespace]: METRICS_NAMESPACE,
        NODE_OPTIONS: '--enable-source-maps',
        ...handlerEnvironment(config).shared,
      },
    };
    this.routeFunctions = {
      cases: new NestedStack(this, 'CaseRouteFunctions', {
        description: `Sakhi OSC ${config.stage}: the handlers of the /cases routes`,
      }),
      other: new NestedStack(this, 'RouteFunctions', {
        description: `Sakhi OSC ${config.stage}: the handlers of the other API routes`,
      }),
    };
    this.smsEnvironment = handlerEnvironment(config).sms;

    this.opsTopic = new EncryptedTopic(this, 'OpsTopic', {
      purpose: `alarms (${config.stage})`,
      emails: [config.alarmEmail],
      removalPolicy: config.removalPolicy,
      servicePublishers: ['cloudwatch.amazonaws.com'],
    });

    this.lookupSecret = new LookupSecret(this, 'LookupSecret', {
      removalPolicy: config.removalPolicy,
      existingSecretArn: config.lookupKeySecretArn,
    });

    this.auth = new Auth(this, 'Auth', {
      removalPolicy: config.removalPolicy,
      deletionProtection: config.deletionProtection,
      redirectUrls: config.webDomain ? [`https://${config.webDomain}/`] : [],
      domainPrefix: `${SERVICE_NAME}-${config.stage}-${Aws.ACCOUNT_ID}`,
    });
    this.userPool = this.auth.userPool;

    this.reminders = new Reminders(this, 'Reminders', {
      defaults: this.handlerDefaults,
      smsEnvironment: this.smsEnvironment,
      alarmTopic: this.opsTopic.topic,
    });
    this.escalation = new Escalation(this, 'Escalation', {
      defaults: this.handlerDefaults,
      table: this.table,
      windowsHours: config.escalationWindowsHours,
      smsDailyCapPerCentre: config.sms.escalationDailyCapPerCentre,
      smsEnvironment: this.smsEnvironment,
      alarmTopic: this.opsTopic.topic,
    });
    // A staff member with system access is a Cognito user: the roster handlers write an ACCOUNT request with
    // the change, the stream dispatcher queues it, and account-sync carries it out (the only code with
    // Cognito admin rights, and no access to the table or its stream).
    this.accountSync = new AccountSync(this, 'AccountSync', {
      defaults: this.handlerDefaults,
      ...this.auth.staffAdministration(),
      alarmTopic: this.opsTopic.topic,
    });
    this.accountSync.allowSend(this.escalation.dispatcher);
    this.reports = new Reports(this, 'Reports', {
      defaults: this.handlerDefaults,
      emails: config.reportEmails,
      webUrl: this.reportsWebUrl,
      smallCellThreshold: config.statsSmallCellThreshold,
      removalPolicy: config.removalPolicy,
      alarmTopic: this.opsTopic.topic,
    });

    this.documents = new Documents(this, 'Documents', {
      defaults: this.handlerDefaults,
      removalPolicy: config.removalPolicy,
      noncurrentVersionDays: config.documents.noncurrentVersionDays,
      accessLogDays: config.logRetentionDays,
      environment: handlerEnvironment(config).documents,
      alarmTopic: this.opsTopic.topic,
    });
    this.retention = new Retention(this, 'Retention', {
      defaults: this.handlerDefaults,
      alarmTopic: this.opsTopic.topic,
    });
    // Anonymising a case deletes its documents too (every version of its objects).
    this.documents.grantCaseRemoval(this.retention.job.handler);

    // Requests reach the API only through CloudFront: its origin secret, checked by the API's firewall.
    this.originSecret = new OriginSecret(this, 'OriginSecret', { generation: config.originSecretGeneration });
    this.apiStack = new NestedStack(this, 'ApiStack', {
      description: `Sakhi OSC ${config.stage}: the REST API, its firewall and access logs`,
    });
    this.api = new Api(this.apiStack, 'Api', {
      routes: ROUTES as readonly Route[],
      userPool: this.userPool,
      handlerFor: (route) => {
        const handler = this.newHandler(
          route.id,
          {
            tableAccess: tableAccessFor(route),
            description: `${route.method} ${route.path}`,
            ...this.routeExtras(route),
          },
          route.path.startsWith('/cases') ? this.routeFunctions.cases : this.routeFunctions.other,
        );
        this.routeGrants(route, handler);
        return handler;
      },
      stageName: config.stage,
      name: `SakhiOsc-${config.stage}`,
      throttle: config.apiThrottle,
      scopedRouteThrottle: config.machineIntakeThrottle,
      wafRateLimitPer5Minutes: config.wafRateLimitPer5Minutes,
      originSecrets: this.originSecret.acceptedValues,
      originCheck: config.originCheck,
      logRetention: config.logRetentionDays as RetentionDays,
      removalPolicy: config.removalPolicy,
    });

    this.web = new Web(this, 'Web', {
      restApi: this.api.restApi,
      routes: ROUTES as readonly Route[],
      signInUrl: this.auth.domain.baseUrl(),
      idle: idleSettings(config),
      clientId: this.auth.webClient.userPoolClientId,
      originSecret: this.originSecret.headerValue,
      // The built form only when bundling (a real synth or deploy); tests synthesize without it.
      distDir: this.bundlingRequired ? join(REPO_ROOT, 'web', 'dist') : undefined,
      // The form PUTs and GETs case documents straight at the bucket with presigned URLs.
      connectSources: [this.documents.origin],
      removalPolicy: config.removalPolicy,
      accessLogDays: config.logRetentionDays,
      logRetention: config.logRetentionDays as RetentionDays,
    });
    this.auth.addRedirectUrl(this.web.url);
    // CORS of the documents bucket: the form's origins only.
    this.documents.allowOrigins([
      `https://${this.web.distribution.distributionDomainName}`,
      ...(config.webDomain ? [`https://${config.webDomain}`] : []),
    ]);

    // The 39 operating centres, written after the table exists and again whenever the seeder changes; a
    // centre that already exists is left as the state last set it.
    const seeder = this.newHandler('seed-centres', {
      tableAccess: 'readWrite',
      timeout: Duration.minutes(1),
      description: 'Seeds the operating centres',
    });
    new triggers.Trigger(this, 'SeedCentres', {
      handler: seeder.fn,
      executeAfter: [this.data],
      timeout: Duration.minutes(2),
    });

    // Alarms and the dashboard over everything above: every handler, wherever its construct made it. They are
    // a nested stack of their own: CloudFormation takes at most 500 resources in one stack, and with the case
    // documents the stack held 509 (dev) even with the Lambda alarms grouped.
    const handlers = this.node.findAll().filter((c): c is HandlerFunction => c instanceof HandlerFunction);
    const monitoring = new NestedStack(this, 'Monitoring', {
      description: `Sakhi OSC alarms and dashboard (${config.stage})`,
    });
    this.operations = new Operations(monitoring, 'Operations', {
      topic: this.opsTopic.topic,
      defaults: this.handlerDefaults,
      restApi: this.api.restApi,
      handlers,
      deadLetterQueues: {
        Reminders: this.reminders.dlq,
        Dispatch: this.escalation.dispatchDlq,
        AccountSync: this.accountSync.dlq,
        WeeklyReview: this.reports.weekly.dlq,
        MonthlyReport: this.reports.monthly.dlq,
        DocumentCheck: this.documents.checkerDlq,
        DocumentSweep: this.documents.sweep.dlq,
        Retention: this.retention.job.dlq,
      },
      stateMachine: this.escalation.stateMachine,
      sms: config.sms,
      otherAlarms: [
        this.reminders.dlqAlarm,
        this.accountSync.dlqAlarm,
        ...this.reports.dlqAlarms,
        this.retention.job.dlqAlarm,
        ...this.escalation.alarms,
        this.documents.checkerDlqAlarm,
        this.documents.sweep.dlqAlarm,
      ],
    });
    if (config.sms.manageAccountSettings) {
      this.smsSettings = new SmsSettings(this, 'SmsSettings', {
        monthlySpendLimitUsd: config.sms.monthlySpendLimitUsd,
        senderId: config.sms.senderId,
        successSamplingPercent: config.sms.deliveryStatusSuccessSamplingPercent,
        logRetention: config.logRetentionDays as RetentionDays,
        removalPolicy: config.removalPolicy,
      });
    }

    // The API answers only through CloudFront (the regional execute-api URL refuses every request).
    new CfnOutput(this, 'ApiUrl', {
      value: this.web.url.replace(/\/$/, ''),
      description: 'Base URL of the case API (CloudFront; the 181/112 systems call POST /referrals here)',
    });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'FormUrl', {
      value: this.web.url,
      description: 'The staff form (and the API on the same origin)',
    });
    new CfnOutput(this, 'WebClientId', {
      value: this.auth.webClient.userPoolClientId,
      description: 'The staff form client of the user pool',
    });
    for (const { id: clientId, description } of MACHINE_CLIENTS) {
      new CfnOutput(this, `${clientId}ClientId`, {
        value: this.auth.machineClients[clientId].userPoolClientId,
        description: `${description}: client-credentials client (secret: aws cognito-idp describe-user-pool-client)`,
      });
    }
    new CfnOutput(this, 'TokenUrl', {
      value: `${this.auth.domain.baseUrl()}/oauth2/token`,
      description: 'Where the control rooms get access tokens (scope sakhi/referrals.write)',
    });
    new CfnOutput(this, 'SignInUrl', {
      value: this.auth.domain.baseUrl(),
      description: 'Cognito hosted sign-in (the form config.json cognitoDomain)',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'DocumentsBucket', {
      value: this.documents.bucketName,
      description: 'Case documents (encrypted with their own key; reached only through presigned URLs)',
    });
    new CfnOutput(this, 'OpsTopicArn', {
      value: this.opsTopic.topic.topicArn,
      description: 'Alarms (subscribe more people here)',
    });
    new CfnOutput(this, 'DashboardName', { value: this.operations.dashboard.dashboardName });
  }

  /**
   * What some routes need beyond the table: settings and permissions set in one place, by route id, so
   * the grant and the environment variable that goes with it cannot drift apart. A file import (a route
   * that takes a CSV) writes a case per transaction: it gets two minutes and more memory (CPU), so a large
   * chunk finishes its cases even after API Gateway has answered at 29 s; a re-run of the file skips them.
   * The routes that write lookup keys get the lookup secret (a dynamic reference: no Secrets Manager call).
   */
  private routeExtras(route: Route): Partial<HandlerOptions> {
    const extras: Partial<HandlerOptions> = {};
    const environment: Record<string, string> = {};
    if (route.media) Object.assign(extras, { timeout: Duration.seconds(120), memorySize: 1024 });
    if (LOOKUP_KEY_ROUTES.has(route.id)) Object.assign(environment, this.lookupSecret.environment);
    // The intake routes learn which control room a machine client is from its app client id.
    if ((route.roles as readonly string[]).includes('helpline')) {
      environment[ENV.intakeClients] = Stack.of(this).toJsonString(this.auth.intakeClients());
    }
    if (Object.keys(environment).length) extras.environment = environment;
    return extras;
  }

  /**
   * Grants some routes get once their Lambda exists, each with the environment that goes with it: the
   * document routes may only sign uploads (PUT) or downloads (GET) of the documents bucket.
   */
  private routeGrants(route: Route, handler: HandlerFunction): void {
    if (route.id === 'create-document') this.documents.grantUpload(handler);
    if (route.id === 'get-document') this.documents.grantDownload(handler);
  }

  /** Where the staff form is served (the reports link there). */
  get webUrl(): string {
    return this.config.webDomain ? `https://${this.config.webDomain}/` : this.web.url;
  }

  /**
   * A Lambda for functions/<handlerId>/handler.ts with this stage's runtime settings, log retention and
   * environment, and the table access it asks for (with TABLE_NAME set by the same call).
   */
  newHandler(handlerId: string, options: HandlerOptions, scope: Construct = this): HandlerFunction {
    return new HandlerFunction(scope, handlerId, { ...this.handlerDefaults, ...options, handlerId });
  }
}
