// The composition root of the Lambda handlers: every store and port, built once per process from the
// runtime configuration, each by a lazy getter named after what it gives. Ports (SMS, workflows, sign-in
// accounts, report e-mails) are AWS adapters here; the local runtime replaces them with `.set(...)`.
import { AwsJsonClient } from '#shared/aws/aws-json.ts';
import { CognitoIdentity } from '#shared/aws/cognito-identity.ts';
import { documentClient } from '#shared/aws/dynamo.ts';
import { S3DocumentStorage } from '#shared/aws/s3.ts';
import { type AwsSigning, signingOf } from '#shared/aws/signed-http.ts';
import { SnsAnnouncer } from '#shared/aws/sns-announcer.ts';
import { SnsNotifier } from '#shared/aws/sns-notifier.ts';
import { SqsAccountRequests } from '#shared/aws/sqs-account-requests.ts';
import { StepFunctionsStarter } from '#shared/aws/step-functions.ts';
import { CaseRegistry } from '#shared/cases/registration.ts';
import { CaseChanges, CaseStore } from '#shared/cases/store.ts';
import { config, ENV, required } from '#shared/core/config.ts';
import { IdempotencyStore } from '#shared/core/idempotency.ts';
import { UploadChecker } from '#shared/documents/check.ts';
import type { DocumentStorage } from '#shared/documents/storage.ts';
import { DocumentStore } from '#shared/documents/store.ts';
import { SmsBudget } from '#shared/escalations/sms-budget.ts';
import { EscalationStore } from '#shared/escalations/store.ts';
import type { WorkflowStarter } from '#shared/escalations/workflow.ts';
import { FollowUpStore } from '#shared/follow-ups/store.ts';
import { CaseImport } from '#shared/imports/case-import.ts';
import { RosterImport } from '#shared/imports/roster-import.ts';
import { MilestoneStore } from '#shared/milestones/store.ts';
import type { AccountRequestQueue } from '#shared/network/account-requests.ts';
import { CentreAdmin } from '#shared/network/centre-admin.ts';
import { CentreStore } from '#shared/network/centre-store.ts';
import type { IdentityPort } from '#shared/network/identity.ts';
import { Roster } from '#shared/network/roster.ts';
import { DEFAULT_ACCESS_CACHE, RevokedUsers, UserAccess } from '#shared/network/user-access.ts';
import type { Notifier } from '#shared/notifications/sms.ts';
import { ReportStore } from '#shared/oversight/report-store.ts';
import { ReportedFigures, ReportedReads } from '#shared/oversight/reported.ts';
import { type ReportAnnouncer, Reports } from '#shared/oversight/reports.ts';
import { PartnerDirectory } from '#shared/partners/directory.ts';
import { PartnerReferralStore } from '#shared/partners/referrals.ts';
import { AccessLog } from '#shared/privacy/access-log.ts';
import { ReadAudit } from '#shared/privacy/audit.ts';
import { ShelterStore } from '#shared/shelter/store.ts';
import { SimilarCases } from '#shared/similar/store.ts';
import { TransferStore } from '#shared/transfers/store.ts';
import { lazy } from './lazy.ts';

export const docClient = /* @__PURE__ */ lazy(() => documentClient());
/**
 * What the adapters without an SDK client (S3, Step Functions, SQS) sign with: the DynamoDB client's region,
 * credentials and hash, so one credential chain serves the whole process.
 */
export const awsSigning = /* @__PURE__ */ lazy<AwsSigning>(() => signingOf(docClient().config));
/** The table every store uses: a handler with table access always has TABLE_NAME. */
export const tableName = /* @__PURE__ */ lazy(() => required(config().tableName, ENV.tableName));

// ---- stores -------------------------------------------------------------------------------------------------
export const centreStore = /* @__PURE__ */ lazy(() => new CentreStore(docClient(), tableName()));
export const caseStore = /* @__PURE__ */ lazy(() => new CaseStore(docClient(), tableName(), centreStore()));
/** A case's getCaseItem and change alone, for the stores that build on a case (a smaller bundle). */
export const caseChanges = /* @__PURE__ */ lazy(() => new CaseChanges(docClient(), tableName()));
export const caseRegistry = /* @__PURE__ */ lazy(() => new CaseRegistry(docClient(), tableName(), centreStore()));
export const followUpStore = /* @__PURE__ */ lazy(() => {
  const c = config();
  return new FollowUpStore(
    docClient(),
    tableName(),
    caseChanges(),
    centreStore(),
    c.followUpOffsetsDays,
    c.unreachableRetryDays,
  );
});
export const escalationStore = /* @__PURE__ */ lazy(() => new EscalationStore(docClient(), tableName(), centreStore()));
export const milestoneStore = /* @__PURE__ */ lazy(
  () => new MilestoneStore(docClient(), tableName(), caseChanges(), centreStore()),
);
export const shelterStore = /* @__PURE__ */ lazy(
  () => new ShelterStore(docClient(), tableName(), caseChanges(), centreStore(), config().shelter),
);
export const smsBudget = /* @__PURE__ */ lazy(
  () => new SmsBudget(docClient(), tableName(), config().escalationSmsDailyCap),
);
export const readAudit = /* @__PURE__ */ lazy(() => new ReadAudit(docClient(), tableName()));
export const similarCases = /* @__PURE__ */ lazy(() => new SimilarCases(docClient(), tableName(), caseChanges()));
export const accessLog = /* @__PURE__ */ lazy(() => new AccessLog(docClient(), tableName(), caseChanges()));
export const idempotencyStore = /* @__PURE__ */ lazy(() => new IdempotencyStore(docClient(), tableName()));
export const centreAdmin = /* @__PURE__ */ lazy(() => new CentreAdmin(docClient(), tableName(), centreStore()));
export const roster = /* @__PURE__ */ lazy(() => new Roster(docClient(), tableName(), centreStore()));
/** The revoked-sign-in check of every request; userAccess (disable, enable) makes it forget whom it changes. */
export const revokedUsers = /* @__PURE__ */ lazy(() => new RevokedUsers(docClient(), tableName()));
export const userAccess = /* @__PURE__ */ lazy(
  () => new UserAccess(docClient(), tableName(), DEFAULT_ACCESS_CACHE, revokedUsers()),
);
export const reportStore = /* @__PURE__ */ lazy(() => new ReportStore(docClient(), tableName()));
export const reportedFigures = /* @__PURE__ */ lazy(() => new ReportedFigures(docClient(), tableName(), centreStore()));
/** Their reads alone, for handlers that only read them (a smaller bundle than the whole ReportedFigures). */
export const reportedReads = /* @__PURE__ */ lazy(() => new ReportedReads(docClient(), tableName()));
export const reports = /* @__PURE__ */ lazy(
  () =>
    new Reports(
      docClient(),
      tableName(),
      reportAnnouncer(),
      config().webUrl,
      config().smallCellThreshold,
      reportedReads(),
    ),
);
export const caseImport = /* @__PURE__ */ lazy(
  () => new CaseImport(docClient(), tableName(), caseRegistry(), centreStore(), config().followUpOffsetsDays),
);
export const rosterImport = /* @__PURE__ */ lazy(
  () => new RosterImport(docClient(), tableName(), roster(), centreStore()),
);
export const documentStore = /* @__PURE__ */ lazy(() => {
  const { uploadSeconds, downloadSeconds } = config().documents;
  return new DocumentStore(docClient(), tableName(), caseChanges(), () => documentStorage(), {
    uploadSeconds,
    downloadSeconds,
  });
});
export const uploadChecker = /* @__PURE__ */ lazy(
  () => new UploadChecker(docClient(), tableName(), caseChanges(), documentStore(), documentStorage()),
);
export const partnerDirectory = /* @__PURE__ */ lazy(
  () => new PartnerDirectory(docClient(), tableName(), centreStore()),
);
export const partnerReferrals = /* @__PURE__ */ lazy(
  () => new PartnerReferralStore(docClient(), tableName(), caseChanges(), partnerDirectory()),
);
export const transferStore = /* @__PURE__ */ lazy(
  () => new TransferStore(docClient(), tableName(), caseChanges(), centreStore()),
);

// ---- ports --------------------------------------------------------------------------------------------------
export const notifier = /* @__PURE__ */ lazy<Notifier>(() => new SnsNotifier(config().sms));
export const workflowStarter = /* @__PURE__ */ lazy<WorkflowStarter>(
  () =>
    new StepFunctionsStarter(
      required(config().escalationStateMachineArn, ENV.escalationStateMachineArn),
      new AwsJsonClient({ service: 'states', targetPrefix: 'AWSStepFunctions' }, awsSigning()),
    ),
);
export const identity = /* @__PURE__ */ lazy<IdentityPort>(
  () => new CognitoIdentity(required(config().userPoolId, ENV.userPoolId)),
);
/** The documents bucket (the local S3 stand-in locally, through the same adapter). */
export const documentStorage = /* @__PURE__ */ lazy<DocumentStorage>(() => {
  const { bucket, endpoint } = config().documents;
  return new S3DocumentStorage({ bucket: required(bucket, ENV.documentsBucket), endpoint }, awsSigning());
});
export const accountRequests = /* @__PURE__ */ lazy<AccountRequestQueue>(
  () =>
    new SqsAccountRequests(
      required(config().accountQueueUrl, ENV.accountQueueUrl),
      new AwsJsonClient({ service: 'sqs', targetPrefix: 'AmazonSQS' }, awsSigning()),
    ),
);
export const reportAnnouncer = /* @__PURE__ */ lazy<ReportAnnouncer>(
  () => new SnsAnnouncer(required(config().reportsTopicArn, ENV.reportsTopicArn)),
);
