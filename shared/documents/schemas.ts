// The request schema of case documents. Only the shape is checked here (400 naming each bad field); whether
// the type is one the centres keep (415) and the size within the limit (413) is decided after it, by the
// rules of rules.ts, so those answers carry their own status as the contract asks.
import * as z from 'zod/mini';
import { text } from '../core/schema-parts.ts';
import { DOCUMENT_KINDS, MAX_FILENAME_LENGTH } from './rules.ts';

export const createDocumentSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.enum(DOCUMENT_KINDS),
    /** The name as the person's computer knows it: a name only, never a folder path. */
    filename: text(MAX_FILENAME_LENGTH).check(
      z.refine((s) => !/[/\\]/.test(s), { error: 'Must be a file name without folders' }),
    ),
    contentType: text(255),
    /** Bytes; the upload URL is signed with exactly this length. */
    size: z.int().check(z.minimum(1)),
  }))();
export type CreateDocumentInput = z.infer<typeof createDocumentSchema>;
