// Case documents over HTTP against the local runtime: the API, the S3 stand-in behind the presigned URLs,
// and the upload checker it notifies, exactly as a browser and S3 would drive them. No mocks.

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { S3DocumentStorage } from '#shared/aws/s3.ts';
import { signingOf } from '#shared/aws/signed-http.ts';
import { CaseStore } from '#shared/cases/store.ts';
import * as keys from '#shared/core/keys.ts';
import { DocumentStore } from '#shared/documents/store.ts';
import { CentreStore } from '#shared/network/centre-store.ts';
import { api, eventually, newCase, runSchedule } from './client.ts';

const STAFF = 'staff.patna1';
const LOCAL = { region: 'ap-south-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const BUCKET = 'sakhi-osc-documents-local';

const pdf = (n = 2000) => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(n, 0x41)]);
const png = (n = 2000) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(n)]);
const jpeg = (n = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(n, 7)]);

/** What the S3 stand-in holds, read with the same adapter the handlers use, signed as they sign. */
const storage = () => {
  const signing = signingOf(new DynamoDBClient(LOCAL).config);
  return new S3DocumentStorage({ bucket: BUCKET, endpoint: inject('s3Endpoint') }, signing);
};

async function newCaseId(user = STAFF): Promise<string> {
  const res = await api(user, 'POST', '/cases', newCase());
  expect(res.status).toBe(201);
  return res.body.caseId;
}

async function startUpload(caseId: string, file: Buffer, over: Record<string, unknown> = {}, user = STAFF) {
  return api(user, 'POST', `/cases/${caseId}/documents`, {
    kind: 'FIR_COPY',
    filename: 'FIR copy.pdf',
    contentType: 'application/pdf',
    size: file.length,
    ...over,
  });
}

const put = (url: string, body: Buffer<ArrayBuffer>, type = 'application/pdf') =>
  fetch(url, { method: 'PUT', headers: { 'content-type': type }, body });

async function statusOf(caseId: string, documentId: string, wanted?: string, user = STAFF): Promise<string> {
  const read = async () => {
    const list = await api(user, 'GET', `/cases/${caseId}/documents`);
    return list.body.find((d: { documentId: string }) => d.documentId === documentId)?.status as string;
  };
  return wanted ? eventually(async () => ((await read()) === wanted ? wanted : undefined)) : read();
}

/** Uploads a file through its URL and waits for the checker's verdict. */
async function uploaded(caseId: string, file: Buffer<ArrayBuffer>, over: Record<string, unknown> = {}) {
  const started = await startUpload(caseId, file, over);
  expect(started.status).toBe(201);
  expect((await put(started.body.uploadUrl, file, String(over.contentType ?? 'application/pdf'))).status).toBe(200);
  const status = await eventually(async () => {
    const s = await statusOf(caseId, started.body.documentId);
    return s !== 'PENDING' ? s : undefined;
  });
  return { documentId: started.body.documentId as string, uploadUrl: started.body.uploadUrl as string, status };
}

async function download(caseId: string, documentId: string, user = STAFF) {
  const link = await api(user, 'GET', `/cases/${caseId}/documents/${documentId}`);
  return link;
}

describe('uploading and downloading a case document', () => {
  it('gives back the very bytes uploaded, as an attachment named by ids, through a link valid for 60 s', async () => {
    // Prepare
    const caseId = await newCaseId();
    const file = pdf();
    // Act
    const started = await startUpload(caseId, file);
    // Assess: a PENDING document and a PUT URL for its type and size, expiring within minutes.
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ documentId: expect.any(String), status: 'PENDING' });
    const expiresIn = Date.parse(started.body.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    expect(started.body.uploadUrl).toContain(`/cases/${caseId}/${started.body.documentId}?`);
    expect(started.body.uploadUrl).not.toContain('FIR');

    expect((await put(started.body.uploadUrl, file)).status).toBe(200);
    expect(await statusOf(caseId, started.body.documentId, 'AVAILABLE')).toBe('AVAILABLE');

    const link = await download(caseId, started.body.documentId);
    expect(link.status).toBe(200);
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    const res = await fetch(link.body.downloadUrl);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="pat1-\d{4}-\d{2}-\d{5}-fir-copy-/);
    expect(res.headers.get('content-type')).toBe('application/pdf');
  });

  it('lists kind, name, size, status, who and when, and no link; history names the kind, not the file', async () => {
    const caseId = await newCaseId();
    const { documentId } = await uploaded(caseId, jpeg(), {
      kind: 'MEDICAL_REPORT',
      filename: 'Medical report.jpg',
      contentType: 'image/jpeg',
      size: jpeg().length,
    });
    const list = await api(STAFF, 'GET', `/cases/${caseId}/documents`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      expect.objectContaining({
        documentId,
        kind: 'MEDICAL_REPORT',
        filename: 'Medical report.jpg',
        contentType: 'image/jpeg',
        size: jpeg().length,
        status: 'AVAILABLE',
        uploadedBy: { username: STAFF, role: 'centre-staff' },
        requestedAt: expect.stringMatching(/\+05:30$/),
        availableAt: expect.stringMatching(/\+05:30$/),
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/Url|X-Amz|cases\//);
    const history = await api('officer.patna', 'GET', `/cases/${caseId}/history`);
    const events = history.body.filter((e: { action: string }) => e.action.startsWith('DOCUMENT_'));
    expect(events.map((e: { action: string }) => e.action)).toEqual(['DOCUMENT_UPLOAD_STARTED', 'DOCUMENT_AVAILABLE']);
    expect(JSON.stringify(history.body)).not.toContain('Medical report');
  });

  it('writes each download to the case read audit, who and when, before the link is given', async () => {
    const caseId = await newCaseId();
    const { documentId } = await uploaded(caseId, pdf());
    await download(caseId, documentId, 'admin.patna1');
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL, endpoint: inject('dynamoEndpoint') }));
    const reads = await doc.send(
      new QueryCommand({
        TableName: inject('tableName'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.read(caseId, '', '').pk },
      }),
    );
    const downloads = (reads.Items ?? []).filter((r) => r.action === 'DOCUMENT_DOWNLOAD');
    expect(downloads).toEqual([
      expect.objectContaining({ caseId, actor: expect.objectContaining({ username: 'admin.patna1' }) }),
    ]);
    doc.destroy();
  });
});

describe('what the storage refuses', () => {
  it('refuses a tampered upload or download URL, and one used after it expired', async () => {
    const caseId = await newCaseId();
    const file = pdf();
    const started = await startUpload(caseId, file);
    const tamper = (url: string) =>
      url.replace(/(X-Amz-Signature=)([0-9a-f])/, (_m, p: string, c: string) => `${p}${c === 'a' ? 'b' : 'a'}`);
    expect((await put(tamper(started.body.uploadUrl), file)).status).toBe(403);
    expect((await put(started.body.uploadUrl.replace(caseId, await newCaseId()), file)).status).toBe(403);
    expect((await put(started.body.uploadUrl, file)).status).toBe(200);
    await statusOf(caseId, started.body.documentId, 'AVAILABLE');
    const link = await download(caseId, started.body.documentId);
    expect((await fetch(tamper(link.body.downloadUrl))).status).toBe(403);

    // The stand-in's clock moves past the link's 60 seconds (and the upload window): both are refused.
    await api(undefined, 'POST', '/_local/s3/clock', { offsetSeconds: 16 * 60 });
    try {
      const late = await fetch(link.body.downloadUrl);
      expect(late.status).toBe(403);
      expect(await late.text()).toContain('Request has expired');
      expect((await put(started.body.uploadUrl, file)).status).toBe(403);
    } finally {
      await api(undefined, 'POST', '/_local/s3/clock', { offsetSeconds: 0 });
    }
    expect((await fetch(link.body.downloadUrl)).status).toBe(200);
  });

  it('refuses a body of another length or type than the one the URL was signed for, and stores nothing', async () => {
    const caseId = await newCaseId();
    const file = pdf();
    const started = await startUpload(caseId, file);
    expect((await put(started.body.uploadUrl, pdf(2001))).status).toBe(403);
    expect((await put(started.body.uploadUrl, file.subarray(0, 100))).status).toBe(403);
    expect((await put(started.body.uploadUrl, file, 'image/png')).status).toBe(403);
    expect(await storage().head(`cases/${caseId}/${started.body.documentId}`)).toBeUndefined();
    expect(await statusOf(caseId, started.body.documentId)).toBe('PENDING');
  });

  it('rejects a PNG declared as a PDF: the object is deleted and the document REJECTED, with history', async () => {
    const caseId = await newCaseId();
    const file = png();
    const { documentId, status } = await uploaded(caseId, file, { filename: 'scan.pdf', size: file.length });
    expect(status).toBe('REJECTED');
    const list = await api(STAFF, 'GET', `/cases/${caseId}/documents`);
    expect(list.body[0]).toMatchObject({ status: 'REJECTED', rejectReason: 'TYPE_MISMATCH' });
    expect(await storage().head(`cases/${caseId}/${documentId}`)).toBeUndefined();
    expect((await download(caseId, documentId)).status).toBe(409);
    const history = await api(STAFF, 'GET', `/cases/${caseId}/history`);
    expect(history.body.at(-1)).toMatchObject({
      action: 'DOCUMENT_REJECTED',
      actor: { username: 'system' },
      details: { documentId, rejectReason: 'TYPE_MISMATCH' },
    });
  });

  it('keeps the checked file when its URL is used again: the later version is removed', async () => {
    const caseId = await newCaseId();
    const file = pdf();
    const { documentId, uploadUrl } = await uploaded(caseId, file);
    const again = Buffer.concat([Buffer.from('%PDF-9.9\n'), Buffer.alloc(file.length - 9, 0x42)]);
    const second = await put(uploadUrl, again);
    expect(second.status).toBe(200);
    const extra = second.headers.get('x-amz-version-id') as string;
    await eventually(async () => (await storage().head(`cases/${caseId}/${documentId}`, extra)) === undefined);
    const link = await download(caseId, documentId);
    const res = await fetch(link.body.downloadUrl);
    expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
  });
});

describe('what the API refuses (and writes nothing)', () => {
  it('415 for an .exe, 413 above 10 MiB, 400 for a path, and no document or history written', async () => {
    const caseId = await newCaseId();
    const before = await api(STAFF, 'GET', `/cases/${caseId}/history`);
    const exe = await startUpload(caseId, Buffer.alloc(10), {
      filename: 'setup.exe',
      contentType: 'application/x-msdownload',
    });
    expect(exe.status).toBe(415);
    expect(exe.headers.get('content-type')).toMatch(/problem\+json/);
    expect(exe.body.errors).toEqual([expect.objectContaining({ path: 'contentType' })]);
    const disguised = await startUpload(caseId, Buffer.alloc(10), { filename: 'setup.exe' });
    expect(disguised.status).toBe(415);
    const big = await startUpload(caseId, Buffer.alloc(0), { size: 11 * 1024 * 1024 });
    expect(big.status).toBe(413);
    expect(big.body.errors).toEqual([expect.objectContaining({ path: 'size' })]);
    const path = await startUpload(caseId, Buffer.alloc(10), { filename: '../../fir.pdf', kind: 'LETTER' });
    expect(path.status).toBe(400);
    expect(path.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['filename', 'kind']);

    expect((await api(STAFF, 'GET', `/cases/${caseId}/documents`)).body).toEqual([]);
    expect((await api(STAFF, 'GET', `/cases/${caseId}/history`)).body).toEqual(before.body);
  });

  it('refuses district and state (403) and another centre (404), on every document route', async () => {
    const caseId = await newCaseId();
    const { documentId } = await uploaded(caseId, pdf());
    const body = { kind: 'OTHER', filename: 'a.pdf', contentType: 'application/pdf', size: 10 };
    for (const [user, status] of [
      ['officer.patna', 403],
      ['state.wcdc', 403],
      ['staff.gaya1', 404],
      ['admin.gaya1', 404],
    ] as const) {
      expect((await api(user, 'POST', `/cases/${caseId}/documents`, body)).status, user).toBe(status);
      expect((await api(user, 'GET', `/cases/${caseId}/documents`)).status, user).toBe(status);
      expect((await download(caseId, documentId, user)).status, user).toBe(status);
    }
    expect((await api(STAFF, 'GET', `/cases/${caseId}/documents`)).body).toHaveLength(1);
  });

  it('answers 404 for a document that is not the case’s, and 409 for one not yet available', async () => {
    const caseId = await newCaseId();
    const other = await newCaseId();
    const { documentId } = await uploaded(other, pdf());
    expect((await download(caseId, documentId)).status).toBe(404);
    const pending = await startUpload(caseId, pdf());
    expect((await download(caseId, pending.body.documentId)).status).toBe(409);
  });
});

describe('retries and uploads that never come', () => {
  it('answers a retried start (same Idempotency-Key) with the same document and a URL that still works', async () => {
    const caseId = await newCaseId();
    const file = pdf();
    const key = { 'idempotency-key': `doc-${crypto.randomUUID()}` };
    const body = { kind: 'DIR', filename: 'dir.pdf', contentType: 'application/pdf', size: file.length };
    const first = await api(STAFF, 'POST', `/cases/${caseId}/documents`, body, key);
    const again = await api(STAFF, 'POST', `/cases/${caseId}/documents`, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.documentId).toBe(first.body.documentId);
    expect((await put(again.body.uploadUrl, file)).status).toBe(200);
    expect(await statusOf(caseId, first.body.documentId, 'AVAILABLE')).toBe('AVAILABLE');
    expect((await api(STAFF, 'GET', `/cases/${caseId}/documents`)).body).toHaveLength(1);
  });

  it('marks an upload that never came EXPIRED once its window is over, through the uploads queue', async () => {
    const caseId = await newCaseId();
    const started = await startUpload(caseId, pdf());
    const came = await uploaded(caseId, pdf());
    // The sweep, as if it ran an hour later.
    const later = new Date(Date.now() + 60 * 60_000).toISOString();
    const run = await runSchedule('document-uploads', later);
    expect(run.status).toBe(200);
    expect(run.body.outcomes.EXPIRED).toBeGreaterThanOrEqual(1);
    expect(await statusOf(caseId, started.body.documentId)).toBe('EXPIRED');
    expect(await statusOf(caseId, came.documentId)).toBe('AVAILABLE');
    // Out of the queue: a second run finds it no more.
    const second = await runSchedule('document-uploads', later);
    expect(second.body.due).toBe(0);
  });
});

describe('a transferred case', () => {
  it('takes its documents along: the new centre lists and downloads them, the old one gets 404', async () => {
    // Prepare: a Patna case with a checked document, and one still being uploaded.
    const caseId = await newCaseId();
    const file = pdf();
    const { documentId } = await uploaded(caseId, file);
    const pending = await startUpload(caseId, pdf(100));
    // Act: Patna's administrator hands the case to Gaya, whose administrator accepts it.
    const transfer = async (from: string, to: string, toCentreId: string) => {
      const t = await api(from, 'POST', `/cases/${caseId}/transfers`, { toCentreId, reason: 'She moved' });
      expect(t.status).toBe(202);
      expect((await api(to, 'POST', `/transfers/${t.body.transferId}/accept`, {})).status).toBe(200);
    };
    await transfer('admin.patna1', 'admin.gaya1', 'osc-gaya-1');
    try {
      // Assess: the same documents, the same objects, for the receiving centre only (nothing moved: the items
      // live in the case's partition and the objects under the case's id).
      const list = await api('staff.gaya1', 'GET', `/cases/${caseId}/documents`);
      expect(list.status).toBe(200);
      expect(list.body.map((d: { documentId: string }) => d.documentId)).toEqual([documentId, pending.body.documentId]);
      const link = await download(caseId, documentId, 'staff.gaya1');
      expect(link.status).toBe(200);
      expect(link.body.filename).toMatch(/^pat1-/); // the case keeps its number
      expect(Buffer.from(await (await fetch(link.body.downloadUrl)).arrayBuffer()).equals(file)).toBe(true);
      expect((await api(STAFF, 'GET', `/cases/${caseId}/documents`)).status).toBe(404);
      expect((await download(caseId, documentId, STAFF)).status).toBe(404);
      // An upload started before the transfer still arrives and is checked; the new centre may add more.
      expect((await put(pending.body.uploadUrl, pdf(100))).status).toBe(200);
      expect(await statusOf(caseId, pending.body.documentId, 'AVAILABLE', 'staff.gaya1')).toBe('AVAILABLE');
      expect((await startUpload(caseId, pdf(), {}, 'staff.gaya1')).status).toBe(201);
    } finally {
      // And back, so every centre lists the cases it registered (other files compare lists with counters).
      await transfer('admin.gaya1', 'admin.patna1', 'osc-patna-1');
    }
    expect((await api(STAFF, 'GET', `/cases/${caseId}/documents`)).body).toHaveLength(3);
  });
});

describe('removing an anonymised case’s documents (for the retention job)', () => {
  it('removes every version of every object of the case for good and marks its documents DELETED, once', async () => {
    // Prepare: a ready document whose URL was used twice (two versions), a refused one, one never uploaded;
    // and another case's document that must stay.
    const caseId = await newCaseId();
    const ready = await uploaded(caseId, pdf());
    await put(ready.uploadUrl, pdf());
    await uploaded(caseId, png(), { filename: 'x.pdf' });
    await startUpload(caseId, pdf());
    const other = await newCaseId();
    const kept = await uploaded(other, pdf());
    const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...LOCAL, endpoint: inject('dynamoEndpoint') }));
    const table = inject('tableName');
    const cases = new CaseStore(doc, table, new CentreStore(doc, table));
    const store = new DocumentStore(doc, table, cases, storage, { uploadSeconds: 300, downloadSeconds: 60 });
    // Act
    const first = await store.deleteAllForCase(caseId, new Date());
    const again = await store.deleteAllForCase(caseId, new Date());
    doc.destroy();
    // Assess: nothing of the case is left in storage; the documents say DELETED and keep no file name.
    expect(first.documents).toBe(3);
    expect(first.objects).toBeGreaterThanOrEqual(1);
    expect(again).toEqual({ objects: 0, documents: 0 });
    expect(await storage().head(`cases/${caseId}/${ready.documentId}`)).toBeUndefined();
    // Out of the uploads queue: a sweep after the window finds nothing of this case to expire.
    expect((await runSchedule('document-uploads', new Date(Date.now() + 3_600_000).toISOString())).status).toBe(200);
    const list = await api(STAFF, 'GET', `/cases/${caseId}/documents`);
    expect(list.body.map((d: { status: string }) => d.status)).toEqual(['DELETED', 'DELETED', 'DELETED']);
    for (const d of list.body) expect(d.filename).toBeUndefined();
    expect((await download(caseId, ready.documentId)).status).toBe(409);
    const history = await api(STAFF, 'GET', `/cases/${caseId}/history`);
    expect(history.body.filter((e: { action: string }) => e.action === 'DOCUMENTS_DELETED')).toHaveLength(1);
    // The other case's document is untouched.
    expect((await storage().head(`cases/${other}/${kept.documentId}`))?.size).toBe(pdf().length);
  });
});
