// The composition root of the Lambda handlers: each adapter is built once per process, on first use, from
// the runtime config. One getter per store, so a handler's bundle carries only the stores it calls (a
// single "build everything" function would put every store in every bundle). The local runtime reuses
// these unchanged; it only points the environment at DynamoDB Local.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/aws/dynamo.ts';
import { CaseRegistry } from '#shared/cases/registration.ts';
import { CaseStore } from '#shared/cases/store.ts';
import { config, type RuntimeConfig } from '#shared/core/config.ts';
import { EscalationStore } from '#shared/escalations/store.ts';
import { FollowUpStore } from '#shared/follow-ups/store.ts';
import { CentreStore } from '#shared/network/centre-store.ts';
import { ReadAudit } from '#shared/privacy/audit.ts';

export const docClient = (): DynamoDBDocumentClient => documentClient();
export const runtimeConfig = (): RuntimeConfig => config();

let centres: CentreStore | undefined;
export function centreStore(): CentreStore {
  centres ??= new CentreStore(docClient(), runtimeConfig().tableName);
  return centres;
}

let cases: CaseStore | undefined;
export function caseStore(): CaseStore {
  cases ??= new CaseStore(docClient(), runtimeConfig().tableName, centreStore());
  return cases;
}

let registry: CaseRegistry | undefined;
export function caseRegistry(): CaseRegistry {
  registry ??= new CaseRegistry(docClient(), runtimeConfig().tableName, centreStore());
  return registry;
}

let followUps: FollowUpStore | undefined;
export function followUpStore(): FollowUpStore {
  const cfg = runtimeConfig();
  followUps ??= new FollowUpStore(
    docClient(),
    cfg.tableName,
    caseStore(),
    centreStore(),
    cfg.followUpOffsetsDays,
    cfg.unreachableRetryDays,
  );
  return followUps;
}

let escalations: EscalationStore | undefined;
export function escalationStore(): EscalationStore {
  escalations ??= new EscalationStore(docClient(), runtimeConfig().tableName, centreStore());
  return escalations;
}

let audit: ReadAudit | undefined;
export function readAudit(): ReadAudit {
  audit ??= new ReadAudit(docClient(), runtimeConfig().tableName);
  return audit;
}
