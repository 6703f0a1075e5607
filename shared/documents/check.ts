// The check of an uploaded document, run when its object arrives (the S3 event to the document-check
// Lambda) and by the sweep of uploads whose window has ended (document-sweep), never by a scan.
//
// settle(caseId, documentId, version):
//   1. No document for the object: the object is removed (only our upload URLs can put one there).
//   2. Already settled (AVAILABLE, REJECTED, EXPIRED, DELETED): a version other than the one that passed is
//      removed. An upload URL can be used again until it expires; a second PUT never replaces the checked
//      file, because downloads are of the checked version and the extra one goes.
//   3. PENDING and the object is there: its size must be the declared size, and its first bytes the
//      signature of the declared type (PDF %PDF, JPEG FF D8 FF, PNG 89 50 4E 47 0D 0A 1A 0A). A match is
//      AVAILABLE (with that version); anything else is REJECTED, then the object is deleted.
//   4. PENDING, no object, and the window ended more than a grace period ago (the sweep): EXPIRED.
// Each status change is one case change (version, history) whose document update is conditional on PENDING,
// so two checks of the same document (a duplicated event, the sweep) settle it once.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { historyPut, SYSTEM_ACTOR } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import * as keys from '../core/keys.ts';
import { queryAll } from '../core/query.ts';
import { INDEXES } from '../core/table.ts';
import { istTimestamp } from '../core/time.ts';
import { ConditionFailed, named } from '../core/transactions.ts';
import { type DocumentRecord, SYSTEM } from './model.ts';
import { MAGIC_BYTES_NEEDED, magicMatches, type RejectReason } from './rules.ts';
import type { DocumentStorage } from './storage.ts';
import type { DocumentStore } from './store.ts';

/**
 * How long after its window an upload is left PENDING before the sweep expires it: a PUT that started just
 * before the URL expired, or an S3 event on its way, still gets checked instead of expired.
 */
export const UPLOAD_GRACE_MS = 5 * 60 * 1000;

export type CheckOutcome =
  | 'AVAILABLE'
  | 'REJECTED'
  | 'EXPIRED'
  | 'NOT_ARRIVED'
  | 'SETTLED_BEFORE'
  | 'EXTRA_VERSION_REMOVED'
  | 'UNKNOWN_OBJECT_REMOVED';

export interface SweepResult {
  due: number;
  outcomes: Partial<Record<CheckOutcome, number>>;
  failed: number;
}

/** Where an S3 event points: `cases/<caseId>/<documentId>`, or undefined for any other key. */
export function documentOfKey(key: string): { caseId: string; documentId: string } | undefined {
  const m = /^cases\/([^/]+)\/([^/]+)$/.exec(key);
  return m ? { caseId: m[1], documentId: m[2] } : undefined;
}

/** S3 event keys are URL-encoded, with + for a space. */
export const eventKey = (raw: string): string => decodeURIComponent(raw.replace(/\+/g, ' '));

export class UploadChecker {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
    private readonly documents: DocumentStore,
    private readonly storage: DocumentStorage,
  ) {}

  async settle(
    caseId: string,
    documentId: string,
    seen: { versionId?: string },
    now: Date,
    expireIfAbsent = false,
  ): Promise<CheckOutcome> {
    const key = keys.documentObject(caseId, documentId);
    // A lost race with another check of the same document: read again and decide from what it did.
    for (;;) {
      const d = await this.documents.get(caseId, documentId);
      if (!d) {
        await this.storage.deleteVersion(key, seen.versionId);
        return 'UNKNOWN_OBJECT_REMOVED';
      }
      if (d.status !== 'PENDING') {
        if (seen.versionId && seen.versionId !== d.versionId) {
          await this.storage.deleteVersion(key, seen.versionId);
          return 'EXTRA_VERSION_REMOVED';
        }
        return 'SETTLED_BEFORE';
      }
      const object = await this.storage.head(key, seen.versionId);
      try {
        if (!object) {
          if (!expireIfAbsent || now.getTime() <= Date.parse(d.uploadExpiresAt) + UPLOAD_GRACE_MS) return 'NOT_ARRIVED';
          await this.mark(d, 'EXPIRED', now);
          return 'EXPIRED';
        }
        const first = await this.storage.firstBytes(key, object.versionId, MAGIC_BYTES_NEEDED);
        const reason: RejectReason | undefined =
          object.size !== d.size
            ? 'SIZE_MISMATCH'
            : !magicMatches(first, d.contentType) || (object.contentType && object.contentType !== d.contentType)
              ? 'TYPE_MISMATCH'
              : undefined;
        if (!reason) {
          await this.mark(d, 'AVAILABLE', now, { versionId: object.versionId });
          return 'AVAILABLE';
        }
        // Marked first, then deleted: should the delete fail, the retried event finds the document REJECTED
        // and removes the version then (step 2); a rejected file is never downloadable meanwhile.
        await this.mark(d, 'REJECTED', now, { rejectReason: reason });
        await this.storage.deleteVersion(key, object.versionId);
        return 'REJECTED';
      } catch (err) {
        if (err instanceof ConditionFailed && err.item === 'document') continue;
        throw err;
      }
    }
  }

  /** Uploads whose window ended more than the grace period ago: checked if they came, else EXPIRED. */
  async sweep(now: Date, onError?: (ids: { caseId: string; documentId: string }, err: unknown) => void) {
    const due = (await queryAll(this.doc, {
      TableName: this.table,
      IndexName: INDEXES.queue.name,
      KeyConditionExpression: 'q1pk = :pk AND q1sk < :cutoff',
      ExpressionAttributeValues: {
        ':pk': keys.uploadsDue(),
        ':cutoff': istTimestamp(new Date(now.getTime() - UPLOAD_GRACE_MS)),
      },
    })) as unknown as DocumentRecord[];
    const result: SweepResult = { due: due.length, outcomes: {}, failed: 0 };
    let next = 0;
    const worker = async () => {
      while (next < due.length) {
        const { caseId, documentId } = due[next++];
        try {
          const outcome = await this.settle(caseId, documentId, {}, now, true);
          result.outcomes[outcome] = (result.outcomes[outcome] ?? 0) + 1;
        } catch (err) {
          result.failed++;
          onError?.({ caseId, documentId }, err);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, due.length) }, worker));
    return result;
  }

  private async mark(
    d: DocumentRecord,
    status: 'AVAILABLE' | 'REJECTED' | 'EXPIRED',
    now: Date,
    extra: { versionId?: string; rejectReason?: RejectReason } = {},
  ): Promise<void> {
    const at = istTimestamp(now);
    const stamp = { AVAILABLE: 'availableAt', REJECTED: 'rejectedAt', EXPIRED: 'expiredAt' }[status];
    const set: Record<string, unknown> = { status, [stamp]: at, ...extra };
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pending': 'PENDING' };
    const assignments = Object.entries(set)
      .filter(([, v]) => v !== undefined)
      .map(([k, v], i) => {
        names[`#a${i}`] = k;
        values[`:a${i}`] = v;
        return `#a${i} = :a${i}`;
      });
    names['#s'] = 'status';
    await this.cases.change(d.caseId, SYSTEM, {}, () => ({
      set: { updatedAt: at },
      items: [
        named('document', {
          Update: {
            TableName: this.table,
            Key: keys.document(d.caseId, d.documentId),
            // Out of the uploads queue once settled: the sweep's queries cost what is pending, nothing else.
            UpdateExpression: `SET ${assignments.join(', ')} REMOVE q1pk, q1sk`,
            ConditionExpression: '#s = :pending',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          },
        }),
        historyPut(this.table, d.caseId, SYSTEM_ACTOR, `DOCUMENT_${status}`, at, {
          details: {
            documentId: d.documentId,
            kind: d.kind,
            ...(extra.rejectReason ? { rejectReason: extra.rejectReason } : {}),
          },
        }),
      ],
    }));
  }
}
