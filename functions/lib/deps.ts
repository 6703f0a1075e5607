// The composition root of the Lambda handlers: adapters are built once per process, on first use, from the
// runtime config. The local runtime reuses this unchanged (it only points the environment at DynamoDB Local).
import { documentClient } from '#shared/aws/dynamo.ts';
import { config } from '#shared/config.ts';
import { CaseStore } from '#shared/case-store.ts';
import { CentreStore } from '#shared/centre-store.ts';

let built: { cases: CaseStore; centres: CentreStore } | undefined;

export function deps() {
  if (!built) {
    const doc = documentClient();
    const { tableName } = config();
    const centres = new CentreStore(doc, tableName);
    built = { centres, cases: new CaseStore(doc, tableName, centres) };
  }
  return built;
}
