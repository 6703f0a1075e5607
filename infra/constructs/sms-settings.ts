// The account's SNS SMS settings, from the stage config, set on every deploy (SNS SetSMSAttributes through an
// AwsCustomResource): the monthly spend limit, Transactional as the default type (delivered even to numbers
// on India's do-not-disturb registry, which the DLT rules allow for service messages), the default sender id,
// and delivery-status logging to CloudWatch Logs through a role SNS assumes.
//
// These are account-wide, per-region settings, not per stack: two stages deployed to one account and region
// share them (the last deploy wins). Such a stage sets `sms.manageAccountSettings: false`.
//
// SNS refuses a spend limit above the account's SMS quota (USD 1 for a new account): raise the quota with
// AWS Support before the first deploy of a stage with a higher limit (see the README runbook).
//
// The delivery-status log groups are the stack's, with the stage's retention: left to SNS, it would create
// them on the first SMS and keep them forever (phone numbers, for as long as the account lives). They exist
// before the settings point SNS at them. (A stage whose SNS already created them: delete or import them
// before this deploy, or CloudFormation finds the names taken.)
import { type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface SmsSettingsProps {
  monthlySpendLimitUsd: number;
  senderId: string;
  /** Percent of successful deliveries logged (failures are always logged). */
  successSamplingPercent: number;
  logRetention: logs.RetentionDays;
  removalPolicy: RemovalPolicy;
}

/** The attribute names of SNS SetSMSAttributes this construct sets. */
export type SmsAttributes = Record<
  | 'MonthlySpendLimit'
  | 'DefaultSMSType'
  | 'DefaultSenderID'
  | 'DeliveryStatusIAMRole'
  | 'DeliveryStatusSuccessSamplingRate',
  string
>;

/** The construct id CDK gives the singleton Lambda of AwsCustomResource. */
const SINGLETON_ID = 'AWS679f53fac002430cb0da5b7982bd2287';

/** The log groups SNS writes direct-publish SMS delivery status to: successes, and failures. */
export const smsDeliveryLogGroupNames = (region: string, account: string): [string, string] => [
  `sns/${region}/${account}/DirectPublishToPhoneNumber`,
  `sns/${region}/${account}/DirectPublishToPhoneNumber/Failure`,
];

export class SmsSettings extends Construct {
  /** The role SNS assumes to write SMS delivery logs. */
  readonly deliveryStatusRole: iam.Role;
  /** SNS's delivery-status log groups (successes, failures), made here with the stage's retention. */
  readonly deliveryLogGroups: logs.LogGroup[];
  readonly resource: cr.AwsCustomResource;
  readonly attributes: SmsAttributes;

  constructor(scope: Construct, id: string, props: SmsSettingsProps) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    this.deliveryLogGroups = smsDeliveryLogGroupNames(region, account).map(
      (logGroupName, i) =>
        new logs.LogGroup(this, i === 0 ? 'DeliveryLogs' : 'DeliveryFailureLogs', {
          logGroupName,
          retention: props.logRetention,
          removalPolicy: props.removalPolicy,
        }),
    );

    // SNS writes direct-publish SMS delivery logs to the log groups sns/<region>/<account>/DirectPublishToPhoneNumber
    // and .../DirectPublishToPhoneNumber/Failure, which it creates itself; the role may write to those only.
    this.deliveryStatusRole = new iam.Role(this, 'DeliveryStatusRole', {
      assumedBy: new iam.ServicePrincipal('sns.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: 'Lets SNS write SMS delivery status logs (Sakhi OSC)',
    });
    this.deliveryStatusRole.addToPolicy(
      new iam.PolicyStatement({
        actions: [
          'logs:CreateLogGroup',
          'logs:CreateLogStream',
          'logs:PutLogEvents',
          'logs:PutMetricFilter',
          'logs:PutRetentionPolicy',
        ],
        resources: [
          `arn:${partition}:logs:${region}:${account}:log-group:sns/${region}/${account}/DirectPublishToPhoneNumber*`,
        ],
      }),
    );
    // cdk-nag names the resource as synthesized: pseudo parameters where the stack is environment-agnostic.
    const r = Token.isUnresolved(region) ? '<AWS::Region>' : region;
    const a = Token.isUnresolved(account) ? '<AWS::AccountId>' : account;
    Validations.of(this.deliveryStatusRole).acknowledge({
      id:
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${r}:${a}:` +
        `log-group:sns/${r}/${a}/DirectPublishToPhoneNumber*]`,
      reason:
        'SNS names its SMS delivery log groups itself (DirectPublishToPhoneNumber and ' +
        'DirectPublishToPhoneNumber/Failure) and writes streams under them; the wildcard covers those two groups ' +
        'and their streams only.',
    });

    this.attributes = {
      MonthlySpendLimit: String(props.monthlySpendLimitUsd),
      DefaultSMSType: 'Transactional',
      DefaultSenderID: props.senderId,
      DeliveryStatusIAMRole: this.deliveryStatusRole.roleArn,
      DeliveryStatusSuccessSamplingRate: String(props.successSamplingPercent),
    };
    const call: cr.AwsSdkCall = {
      service: 'SNS',
      action: 'setSMSAttributes',
      parameters: { attributes: this.attributes },
      // One account setting: the same physical id for every update, so a changed value updates in place.
      physicalResourceId: cr.PhysicalResourceId.of(`sms-attributes-${region}`),
    };
    this.resource = new cr.AwsCustomResource(this, 'Attributes', {
      resourceType: 'Custom::SnsSmsAttributes',
      onCreate: call,
      onUpdate: call,
      // On delete the account keeps its settings: another stage or system may rely on them.
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['sns:SetSMSAttributes'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: [this.deliveryStatusRole.roleArn] }),
      ]),
      // The SDK in the Lambda runtime has SetSMSAttributes; no download at deploy time.
      installLatestAwsSdk: false,
      logGroup: new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy }),
    });
    // SNS logs only once the settings name the role; by then its log groups exist with their retention.
    for (const group of this.deliveryLogGroups) this.resource.node.addDependency(group);
    Validations.of(this.resource).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'sns:SetSMSAttributes changes account-level SMS settings and supports no resource-level permissions, ' +
        'so IAM requires Resource "*"; it is the only action granted on "*".',
    });
    // The Lambda behind every AwsCustomResource of the stack is one singleton at the stack's root, made by CDK.
    const provider = Stack.of(this).node.tryFindChild(SINGLETON_ID);
    if (provider) {
      Validations.of(provider).acknowledge({
        id:
          'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/' +
          'service-role/AWSLambdaBasicExecutionRole]',
        reason:
          "The AwsCustomResource provider Lambda (CDK's singleton, runs only during deploys): CDK attaches " +
          'AWSLambdaBasicExecutionRole for its logs; its SDK-call permissions are the scoped statements above.',
      });
    }
  }
}
