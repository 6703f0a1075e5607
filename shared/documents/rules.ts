// What a case document may be: its kinds, the three file types the centres need (PDF, JPEG, PNG) with the
// bytes each one starts with, the size limit, and what a file name may be. Pure functions, no AWS, no node:
// modules: the API, the upload checker and the staff form all decide by these same rules.

export const DOCUMENT_KINDS = ['FIR_COPY', 'MEDICAL_REPORT', 'DIR', 'COURT_ORDER', 'CONSENT_FORM', 'OTHER'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * PENDING until the object arrives and is checked; AVAILABLE once its first bytes and size match what was
 * declared; REJECTED when they do not (the object is deleted); EXPIRED when nothing arrived in time; DELETED
 * when the retention job removed it with the rest of an anonymised case.
 */
export const DOCUMENT_STATUSES = ['PENDING', 'AVAILABLE', 'REJECTED', 'EXPIRED', 'DELETED'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** Why a document was rejected: codes only (the form words them). */
export const REJECT_REASONS = ['TYPE_MISMATCH', 'SIZE_MISMATCH'] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/**
 * The accepted types, exactly as the upload must send them in Content-Type (the upload URL is signed with
 * it), the file name endings that go with each, and the bytes a real file of that type starts with.
 */
export const DOCUMENT_TYPES = {
  'application/pdf': { extensions: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46] }, // %PDF
  'image/jpeg': { extensions: ['jpg', 'jpeg'], magic: [0xff, 0xd8, 0xff] },
  'image/png': { extensions: ['png'], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
} as const satisfies Record<string, { extensions: readonly string[]; magic: readonly number[] }>;
export type DocumentContentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_CONTENT_TYPES = Object.keys(DOCUMENT_TYPES) as DocumentContentType[];

/** How many leading bytes the checker reads: enough for the longest signature (PNG's eight). */
export const MAGIC_BYTES_NEEDED = Math.max(...Object.values(DOCUMENT_TYPES).map((t) => t.magic.length));

/** 10 MiB: a phone photo of a report or a scanned order fits; the upload URL is signed with the exact size. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_FILENAME_LENGTH = 200;

export const isDocumentType = (contentType: string): contentType is DocumentContentType =>
  Object.hasOwn(DOCUMENT_TYPES, contentType);

/** Do the first bytes of a file carry the signature of the declared type? */
export function magicMatches(firstBytes: Uint8Array, contentType: string): boolean {
  if (!isDocumentType(contentType)) return false;
  const magic = DOCUMENT_TYPES[contentType].magic;
  return firstBytes.length >= magic.length && magic.every((b, i) => firstBytes[i] === b);
}

/** The ending of a file name, lower case, or undefined when it has none. */
export function extensionOf(filename: string): string | undefined {
  const dot = filename.lastIndexOf('.');
  return dot > 0 && dot < filename.length - 1 ? filename.slice(dot + 1).toLowerCase() : undefined;
}

/**
 * A file name whose ending names another type than the declared one ("setup.exe" sent as a PDF) is refused:
 * whoever downloads it later must not be handed a name her computer would run. No ending at all is fine.
 */
export function extensionFits(filename: string, contentType: DocumentContentType): boolean {
  const ext = extensionOf(filename);
  return ext === undefined || (DOCUMENT_TYPES[contentType].extensions as readonly string[]).includes(ext);
}

/** Characters that separate folders, or that file systems and headers treat specially. */
const PATH_SEPARATORS = /[/\\]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;
const RESERVED = /[<>:"|?*]/g;

export type FilenameProblem = 'required' | 'has_path' | 'too_long';

/**
 * The name kept for a document, as the person sees it in the list: folders refused (a name is never a path),
 * control and bidirectional-override characters removed (they can disguise "fdp.exe" as "exe.pdf"),
 * characters that file systems reserve replaced, spaces collapsed, leading dots dropped (no hidden files).
 */
export function sanitiseFilename(raw: string): { ok: true; name: string } | { ok: false; problem: FilenameProblem } {
  if (PATH_SEPARATORS.test(raw)) return { ok: false, problem: 'has_path' };
  const name = raw
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(CONTROL, '')
    .replace(RESERVED, '_')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (name === '') return { ok: false, problem: 'required' };
  if ([...name].length > MAX_FILENAME_LENGTH) return { ok: false, problem: 'too_long' };
  return { ok: true, name };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The name a download is saved under: the case number, the kind and the document's short id, never the
 * uploaded name. The uploaded name may name her, and the download link (with its Content-Disposition) is
 * written to the storage's access logs and the browser's download list.
 */
export function downloadFilename(
  caseNumber: string,
  kind: DocumentKind,
  documentId: string,
  contentType: DocumentContentType,
): string {
  const ext = DOCUMENT_TYPES[contentType].extensions[0];
  return `${slug(caseNumber)}-${slug(kind)}-${slug(documentId).slice(0, 8)}.${ext}`;
}

export interface DeclaredFile {
  filename: string;
  contentType: string;
  size: number;
}

/** What is wrong with a declared file, as the API answers it: the status, the field and a stable code. */
export interface FileProblem {
  status: 400 | 413 | 415;
  path: 'filename' | 'contentType' | 'size';
  code: 'required' | 'has_path' | 'too_long' | 'unsupported_type' | 'extension_mismatch' | 'too_big';
}

/**
 * The first problem of a file someone wants to keep with a case, in the order the API answers: the name
 * (400), the type and the name's ending (415), then the size (413). Undefined when it may be uploaded.
 */
export function fileProblem(f: DeclaredFile): FileProblem | undefined {
  const name = sanitiseFilename(f.filename);
  if (!name.ok) return { status: 400, path: 'filename', code: name.problem };
  if (!isDocumentType(f.contentType)) return { status: 415, path: 'contentType', code: 'unsupported_type' };
  if (!extensionFits(name.name, f.contentType)) return { status: 415, path: 'filename', code: 'extension_mismatch' };
  if (f.size > MAX_DOCUMENT_BYTES) return { status: 413, path: 'size', code: 'too_big' };
  return undefined;
}
