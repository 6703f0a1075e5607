// What anonymising a case removes of its legal milestones: each one's reference (an FIR's number and police
// station, a court's name and case number) would find her in police and court records. The milestone keeps
// its type, status and times, so the figures and a recount do not change. The notes of milestones and of
// shelter stays, a longer stay's reason and the words at discharge are free text (core/free-text.ts
// FREE_TEXT_ATTRIBUTES): the job removes those from every item of the partition before the parts run.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RetentionContributor } from '../privacy/retention-parts.ts';

export const milestoneReferences: RetentionContributor = ({ doc, table, items }) => {
  const withReference = items.filter((i) => String(i.sk).startsWith('MILESTONE#') && i.reference !== undefined);
  if (!withReference.length) return undefined;
  return {
    // Safe to repeat: a milestone already without its reference (or gone) is left as it is.
    erase: async () => {
      for (const m of withReference) {
        await doc
          .send(
            new UpdateCommand({
              TableName: table,
              Key: { pk: m.pk, sk: m.sk },
              UpdateExpression: 'REMOVE #r',
              ConditionExpression: 'attribute_exists(#r)',
              ExpressionAttributeNames: { '#r': 'reference' },
            }),
          )
          .catch((err: Error) => {
            if (err.name !== 'ConditionalCheckFailedException') throw err;
          });
      }
    },
  };
};
