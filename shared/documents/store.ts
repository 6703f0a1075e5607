// Case documents: starting an upload, the list, download links, and removing a case's documents for the
// retention job. The bytes never pass through here: the browser PUTs and GETs them with presigned URLs.
//
// Start an upload (POST /cases/{caseId}/documents):
//   1. The declared file is checked by rules.ts: name (400), type (415), size (413). Nothing is written.
//   2. One case change (CaseStore.change: scope, If-Match, the Idempotency-Key and the case version): the
//      PENDING document in the case's partition, in the uploads queue until its upload window ends, and
//      its history event (ids and kind only: a file name may name her, and oversight reads history).
//   3. A PUT URL for `cases/<caseId>/<documentId>`, signed with the type and the exact length.
// The object's arrival is checked by check.ts (the S3 event, or the sweep).
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { actorOf, historyPut, SYSTEM_ACTOR } from '../cases/model.ts';
import type { CaseChanges } from '../cases/store.ts';
import {
  badRequest,
  conflict,
  type FieldError,
  type HttpError,
  notFound,
  payloadTooLarge,
  unsupportedMediaType,
} from '../core/errors.ts';
import * as keys from '../core/keys.ts';
import type { Principal } from '../core/principal.ts';
import { queryAll } from '../core/query.ts';
import { istTimestamp } from '../core/time.ts';
import { type ChangeOptions, MAX_TRANSACTION_ITEMS, named, type TransactItem } from '../core/transactions.ts';
import { type DocumentRecord, type DocumentView, isAnonymised, SYSTEM, toView } from './model.ts';
import {
  type DocumentContentType,
  downloadFilename,
  type FileProblem,
  fileProblem,
  MAX_DOCUMENT_BYTES,
  sanitiseFilename,
} from './rules.ts';
import type { CreateDocumentInput } from './schemas.ts';
import type { DocumentStorage } from './storage.ts';

export interface DocumentSettings {
  /** The upload window: how long the PUT URL is valid. */
  uploadSeconds: number;
  /** How long a download link is valid (at most 60 s). */
  downloadSeconds: number;
}

export interface UploadStarted {
  documentId: string;
  status: 'PENDING';
  uploadUrl?: string;
  expiresAt: string;
}

const MESSAGES: Record<FileProblem['code'], string> = {
  required: 'This field is required',
  has_path: 'Must be a file name without folders',
  too_long: 'Must be at most 200 characters',
  unsupported_type: 'Must be application/pdf, image/jpeg or image/png',
  extension_mismatch: 'The name ends in another type than the one declared',
  too_big: `Must be at most ${MAX_DOCUMENT_BYTES} bytes (10 MiB)`,
};

/** The contract's answer for a declared file that may not be kept: 400, 415 or 413, naming the field. */
function refusal(p: FileProblem): HttpError {
  const errors: FieldError[] = [{ path: p.path, code: p.code, message: MESSAGES[p.code] }];
  if (p.status === 415) {
    return unsupportedMediaType(
      'application/pdf, image/jpeg or image/png',
      errors,
      'A document must be a PDF, JPEG or PNG file',
    );
  }
  if (p.status === 413) return payloadTooLarge(MAX_DOCUMENT_BYTES, 'A document may be at most 10 MiB', errors);
  return badRequest('The body has 1 invalid field', errors);
}

export class DocumentStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly table: string,
    private readonly cases: CaseChanges,
    /** Asked for only by what signs or removes: the list needs no bucket (its Lambda is not given one). */
    private readonly storageOf: () => DocumentStorage,
    private readonly settings: DocumentSettings,
  ) {}

  private get storage(): DocumentStorage {
    return this.storageOf();
  }

  async startUpload(
    caseId: string,
    caller: Principal,
    input: CreateDocumentInput,
    now: Date,
    opts: ChangeOptions = {},
  ): Promise<UploadStarted> {
    const problem = fileProblem(input);
    if (problem) throw refusal(problem);
    const filename = (sanitiseFilename(input.filename) as { name: string }).name;
    const contentType = input.contentType as DocumentContentType;
    const documentId = randomUUID();
    const at = istTimestamp(now);
    const expiresAt = istTimestamp(new Date(now.getTime() + this.settings.uploadSeconds * 1000));
    const actor = actorOf(caller);
    const record: DocumentRecord = {
      documentId,
      caseId,
      kind: input.kind,
      filename,
      contentType,
      size: input.size,
      status: 'PENDING',
      requestedBy: actor,
      requestedAt: at,
      uploadExpiresAt: expiresAt,
    };
    await this.cases.change(caseId, caller, opts, (c) => {
      if (isAnonymised(c)) throw conflict('This case has been anonymised: it keeps no documents');
      return {
        set: { updatedAt: at },
        items: [
          named('document', {
            Put: {
              TableName: this.table,
              Item: {
                ...keys.document(caseId, documentId),
                type: 'DOCUMENT',
                ...record,
                q1pk: keys.uploadsDue(),
                q1sk: keys.uploadDueSort(expiresAt, caseId, documentId),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          }),
          historyPut(this.table, caseId, actor, 'DOCUMENT_UPLOAD_STARTED', at, {
            details: { documentId, kind: input.kind },
          }),
        ],
      };
    });
    const uploadUrl = await this.storage.presignUpload(
      keys.documentObject(caseId, documentId),
      contentType,
      input.size,
      now,
      this.settings.uploadSeconds,
    );
    return { documentId, status: 'PENDING', uploadUrl, expiresAt };
  }

  /**
   * The answer to a retried start (the same Idempotency-Key): a fresh URL for what is left of the same
   * document's upload window, since a signed URL is never kept beside the key. None once it has closed.
   */
  async uploadAgain(caseId: string, documentId: string, caller: Principal, now: Date): Promise<UploadStarted> {
    await this.cases.getCaseItem(caseId, caller);
    const d = await this.get(caseId, documentId);
    if (!d) throw notFound();
    const left = Math.floor((Date.parse(d.uploadExpiresAt) - now.getTime()) / 1000);
    const answer: UploadStarted = { documentId, status: 'PENDING', expiresAt: d.uploadExpiresAt };
    if (d.status !== 'PENDING' || left < 1) return answer;
    const key = keys.documentObject(caseId, documentId);
    return { ...answer, uploadUrl: await this.storage.presignUpload(key, d.contentType, d.size, now, left) };
  }

  /** The case's documents, oldest first; 404 outside the caller's scope. */
  async list(caseId: string, caller: Principal): Promise<DocumentView[]> {
    await this.cases.getCaseItem(caseId, caller);
    const items = await this.documentsOf(caseId);
    return items.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt)).map(toView);
  }

  /**
   * A link to download an AVAILABLE document, valid for the configured seconds (at most 60): exactly the
   * version that passed the check, as an attachment under a name made of ids (never the uploaded name).
   */
  async downloadLink(
    caseId: string,
    documentId: string,
    caller: Principal,
    now: Date,
  ): Promise<{ downloadUrl: string; expiresAt: string; filename: string }> {
    const c = await this.cases.getCaseItem(caseId, caller);
    const d = await this.get(caseId, documentId);
    if (!d) throw notFound();
    if (d.status !== 'AVAILABLE') throw conflict(`A ${d.status} document cannot be downloaded`);
    const seconds = Math.min(this.settings.downloadSeconds, 60);
    const filename = downloadFilename(c.caseNumber, d.kind, d.documentId, d.contentType);
    const downloadUrl = await this.storage.presignDownload(
      keys.documentObject(caseId, documentId),
      { versionId: d.versionId, filename, contentType: d.contentType },
      now,
      seconds,
    );
    return { downloadUrl, expiresAt: istTimestamp(new Date(now.getTime() + seconds * 1000)), filename };
  }

  /**
   * For the retention job, once a case is anonymised: every version of every object under the case's
   * prefix is removed for good, then each document is marked DELETED (its file name removed, out of the
   * uploads queue) with one history event. Safe to run again: a second run finds nothing left to remove.
   */
  async deleteAllForCase(caseId: string, now: Date): Promise<{ objects: number; documents: number }> {
    const objects = await this.storage.deleteEverything(keys.documentObjectPrefix(caseId));
    const left = (await this.documentsOf(caseId)).filter((d) => d.status !== 'DELETED');
    const at = istTimestamp(now);
    // One change per chunk: the case, the history event and the documents within DynamoDB's 100 items.
    const chunk = MAX_TRANSACTION_ITEMS - 2;
    for (let i = 0; i < left.length; i += chunk) {
      const part = left.slice(i, i + chunk);
      await this.cases.change(caseId, SYSTEM, {}, () => ({
        set: { updatedAt: at },
        items: [
          ...part.map((d): TransactItem => this.markDeleted(d, at)),
          historyPut(this.table, caseId, SYSTEM_ACTOR, 'DOCUMENTS_DELETED', at, {
            details: { documentIds: part.map((d) => d.documentId) },
          }),
        ],
      }));
    }
    return { objects, documents: left.length };
  }

  private markDeleted(d: DocumentRecord, at: string): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: keys.document(d.caseId, d.documentId),
        UpdateExpression: 'SET #s = :deleted, deletedAt = :at REMOVE filename, versionId, q1pk, q1sk',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':deleted': 'DELETED', ':at': at },
      },
    };
  }

  async get(caseId: string, documentId: string): Promise<DocumentRecord | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.table, Key: keys.document(caseId, documentId), ConsistentRead: true }),
    );
    return Item as DocumentRecord | undefined;
  }

  private async documentsOf(caseId: string): Promise<DocumentRecord[]> {
    const items = await queryAll(this.doc, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :d)',
      ExpressionAttributeValues: { ':pk': keys.casePartition(caseId), ':d': keys.documentPrefix() },
      ConsistentRead: true,
    });
    return items as unknown as DocumentRecord[];
  }
}
