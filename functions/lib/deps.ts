// The composition root of the Lambda handlers: adapters are built once per process, on first use, from the
// runtime config. The local runtime reuses this unchanged (it only points the environment at DynamoDB Local).
import { documentClient } from '#shared/aws/dynamo.ts';
import { config } from '#shared/config.ts';
import { CaseStore } from '#shared/case-store.ts';
import { CentreStore } from '#shared/centre-store.ts';
import { FollowUpStore } from '#shared/follow-ups.ts';
import { EscalationStore } from '#shared/escalations.ts';

function build() {
  const doc = documentClient();
  const cfg = config();
  const centres = new CentreStore(doc, cfg.tableName);
  const cases = new CaseStore(doc, cfg.tableName, centres);
  return {
    doc,
    config: cfg,
    centres,
    cases,
    followUps: new FollowUpStore(doc, cfg.tableName, cases, centres, cfg.followUpOffsetsDays, cfg.unreachableRetryDays),
    escalations: new EscalationStore(doc, cfg.tableName, centres),
  };
}

let built: ReturnType<typeof build> | undefined;

export function deps() {
  built ??= build();
  return built;
}
