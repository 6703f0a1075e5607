// What a case document is, as stored: one item in the case's partition (so a transferred case takes its
// documents with it and no key changes), the view the centre's team lists, and the object key in the bucket.
import { type Actor, SYSTEM_ACTOR } from '../cases/model.ts';
import type { Principal } from '../core/principal.ts';
import type { DocumentContentType, DocumentKind, DocumentStatus, RejectReason } from './rules.ts';

export interface DocumentRecord {
  documentId: string;
  caseId: string;
  kind: DocumentKind;
  /** As the uploader's computer named it (sanitised); removed when the document is deleted. */
  filename?: string;
  contentType: DocumentContentType;
  /** Declared bytes: the upload URL is signed with exactly this length. */
  size: number;
  status: DocumentStatus;
  requestedBy: Actor;
  requestedAt: string;
  /** The end of the upload window (the upload URL's expiry). */
  uploadExpiresAt: string;
  /** The object version that passed the check: downloads are of exactly this version. */
  versionId?: string;
  availableAt?: string;
  rejectedAt?: string;
  rejectReason?: RejectReason;
  expiredAt?: string;
  deletedAt?: string;
}

/** What the list answers: who asked for the upload, when, and where it stands. No links, no storage keys. */
export interface DocumentView {
  documentId: string;
  kind: DocumentKind;
  filename?: string;
  contentType: DocumentContentType;
  size: number;
  status: DocumentStatus;
  uploadedBy: { username: string; role: string };
  requestedAt: string;
  uploadExpiresAt?: string;
  availableAt?: string;
  rejectedAt?: string;
  rejectReason?: RejectReason;
  expiredAt?: string;
  deletedAt?: string;
}

export function toView(d: DocumentRecord): DocumentView {
  return {
    documentId: d.documentId,
    kind: d.kind,
    filename: d.filename,
    contentType: d.contentType,
    size: d.size,
    status: d.status,
    uploadedBy: { username: d.requestedBy.username, role: d.requestedBy.role },
    requestedAt: d.requestedAt,
    ...(d.status === 'PENDING' ? { uploadExpiresAt: d.uploadExpiresAt } : {}),
    ...(d.availableAt ? { availableAt: d.availableAt } : {}),
    ...(d.rejectedAt ? { rejectedAt: d.rejectedAt, rejectReason: d.rejectReason } : {}),
    ...(d.expiredAt ? { expiredAt: d.expiredAt } : {}),
    ...(d.deletedAt ? { deletedAt: d.deletedAt } : {}),
  };
}

/** The checker, the sweep and the retention job act with state-wide scope, as the system. */
export const SYSTEM: Principal = { userId: SYSTEM_ACTOR.userId, username: SYSTEM_ACTOR.username, role: 'state-admin' };

/**
 * An anonymised case keeps no documents and takes no new ones. (The retention job marks the case; either
 * mark counts, so this holds whichever the privacy work settles on.)
 */
export const isAnonymised = (c: object): boolean => {
  const x = c as { anonymisedAt?: unknown; status?: unknown };
  return Boolean(x.anonymisedAt) || x.status === 'ANONYMISED';
};
