// The case's documents (FIR copy, medical report, DIR, court order, consent form): what is kept, who added
// it and when, where each stands (being uploaded, ready, refused, not received), a download for the ready
// ones, and adding one more. Centre roles only, as the API allows; every download is recorded by the API.
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { DocumentView } from '../../../../shared/documents/model.ts';
import { apiGet } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { type Msg, problemMsg } from '../../problems.ts';
import { saveDownload, TransferError } from '../../transfer.ts';
import { Button, type El, Notice, type NoticeKind } from '../../ui.ts';
import { type CaseCtx, enc } from './case-action.ts';
import { DocumentUpload } from './document-upload.ts';
import { Panel, Records } from './panel.ts';

/** How long to wait for the checker between looks at the list (ms): about twelve seconds in all. */
const CHECK_WAITS = [400, 800, 1200, 1600, 2000, 3000, 3000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function DocumentsPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const caseId = ctx.caseData.caseId;
  const [docs, setDocs] = useState<DocumentView[] | undefined>();
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [fetching, setFetching] = useState<string | undefined>();

  const load = async (): Promise<DocumentView[]> => {
    const list = await apiGet<DocumentView[]>(`/cases/${enc(caseId)}/documents`);
    setDocs(list);
    return list;
  };

  useEffect(() => {
    setDocs(undefined);
    load().catch((err) => setNotice({ kind: 'error', msg: problemMsg(err) }));
  }, [caseId]);

  /** The bytes are in storage: wait for the checker's verdict, then say it (and show the new history). */
  const uploaded = async (documentId: string, kind: string) => {
    setNotice({ kind: 'info', msg: (x) => x.checking });
    let doc: DocumentView | undefined;
    for (const wait of [0, ...CHECK_WAITS]) {
      await sleep(wait);
      doc = (await load()).find((d) => d.documentId === documentId);
      if (doc && doc.status !== 'PENDING') break;
    }
    const label = (x: typeof m) => labelOf(x.documentKindLabels, kind);
    if (doc?.status === 'AVAILABLE') setNotice({ kind: 'success', msg: (x) => x.uploadedReady(label(x)) });
    else if (doc?.status === 'REJECTED') {
      const reason = doc.rejectReason ?? 'TYPE_MISMATCH';
      setNotice({ kind: 'error', msg: (x) => x.uploadedRefused(label(x), x.rejectReasonLabels[reason]) });
    } else setNotice({ kind: 'info', msg: (x) => x.stillChecking });
    await ctx.reload();
  };

  const download = async (d: DocumentView) => {
    setFetching(d.documentId);
    setNotice(undefined);
    try {
      const link = await apiGet<{ downloadUrl: string; filename: string }>(
        `/cases/${enc(caseId)}/documents/${enc(d.documentId)}`,
      );
      await saveDownload(link.downloadUrl, link.filename);
      setNotice({ kind: 'success', msg: (x) => x.downloaded(link.filename) });
    } catch (err) {
      setNotice({ kind: 'error', msg: err instanceof TransferError ? (x) => x.downloadFailed : problemMsg(err) });
    } finally {
      setFetching(undefined);
    }
  };

  const row = (d: DocumentView) =>
    h(
      'li',
      { key: d.documentId, class: `document document--${d.status.toLowerCase()}`, id: `doc-${d.documentId}` },
      h('strong', null, labelOf(m.documentKindLabels, d.kind)),
      d.filename ? h('span', { class: 'filename' }, ` · ${d.filename}`) : null,
      ` · ${m.fileSize(d.size)} · `,
      h(
        'span',
        { class: 'status' },
        labelOf(m.documentStatusLabels, d.status),
        d.rejectReason ? ` (${labelOf(m.rejectReasonLabels, d.rejectReason)})` : '',
      ),
      h('p', { class: 'what' }, m.documentAdded(d.uploadedBy.username, formatDateTime(d.requestedAt))),
      d.status === 'AVAILABLE'
        ? h(
            Button,
            {
              kind: 'secondary',
              busy: fetching === d.documentId,
              label: m.downloadNamed(labelOf(m.documentKindLabels, d.kind), d.filename ?? ''),
              onClick: () => void download(d),
            },
            fetching === d.documentId ? m.downloading : m.download,
          )
        : null,
    );

  return h(
    Panel,
    { id: 'sec-documents', title: m.documentsSection },
    h('p', { class: 'muted' }, m.documentsIntro),
    h(Notice, { kind: notice?.kind, focusId: 'documents-notice' }, notice ? notice.msg(m) : null),
    docs === undefined
      ? h('p', { class: 'muted' }, m.loadingDocuments)
      : h(Records<DocumentView>, { rows: docs, empty: m.noDocuments, id: 'documents-list', item: row }),
    h(DocumentUpload, { ctx, onUploaded: uploaded }),
  );
}
