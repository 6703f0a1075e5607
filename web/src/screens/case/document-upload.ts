// Adding a document to the case: the kind, the file (checked in the browser by the API's own rules before
// anything is sent: type, ending, size, name), then the API's upload URL, the bytes PUT straight to storage
// with a progress bar, and the checker's verdict awaited so the list shows where the file stands.
import { h } from 'preact';
import { useState } from 'preact/hooks';
import { DOCUMENT_CONTENT_TYPES, DOCUMENT_KINDS, type FileProblem, fileProblem } from '../../../../shared/schemas.ts';
import { ApiError, apiRequest } from '../../api.ts';
import type { FieldProblem } from '../../field-errors.ts';
import { useFocusWhenShown } from '../../focus.ts';
import { type Messages, t } from '../../i18n.ts';
import { type Msg, problemMsg } from '../../problems.ts';
import { declaredType, TransferError, uploadFile } from '../../transfer.ts';
import { Button, type El, Notice, type NoticeKind, optionsOf, SelectField } from '../../ui.ts';
import { type CaseCtx, enc } from './case-action.ts';

type FileCode = FileProblem['code'] | 'none';

interface Started {
  documentId: string;
  uploadUrl?: string;
}

const FILE_ID = 'f-doc-file';

/** The words for a file's problem (a size is said in the reader's units). */
const fileText = (m: Messages, code: FileCode, size: number) => {
  const p = m.fileProblems[code];
  return typeof p === 'function' ? p(size) : p;
};

export function DocumentUpload(p: {
  ctx: CaseCtx;
  /** After the bytes are in storage: the panel waits for the check and says how it went. */
  onUploaded: (documentId: string, kind: string) => Promise<void>;
}): El {
  const m = t();
  const [kind, setKind] = useState('');
  const [file, setFile] = useState<File | undefined>();
  const [kindProblem, setKindProblem] = useState<FieldProblem | undefined>();
  const [fileCode, setFileCode] = useState<FileCode | undefined>();
  const [percent, setPercent] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: NoticeKind; msg: Msg } | undefined>();
  const [inputKey, setInputKey] = useState(0);
  const focusWhenShown = useFocusWhenShown();

  const problemOf = (f: File | undefined): FileCode | undefined =>
    f ? fileProblem({ filename: f.name, contentType: declaredType(f), size: f.size })?.code : 'none';

  const choose = (f: File | undefined) => {
    setFile(f);
    setNotice(undefined);
    // Said as soon as the file is chosen, not only on sending: nothing of it leaves the computer meanwhile.
    setFileCode(f ? problemOf(f) : undefined);
  };

  const send = async () => {
    if (busy) return;
    setNotice(undefined);
    const kp: FieldProblem | undefined = kind ? undefined : { path: 'kind', code: 'required', limits: {} };
    const fp = problemOf(file);
    setKindProblem(kp);
    setFileCode(fp);
    if (kp) return focusWhenShown('f-doc-kind', true);
    if (fp || !file) return focusWhenShown(FILE_ID, true);
    const contentType = declaredType(file);
    setBusy(true);
    try {
      const { data } = await apiRequest<Started>('POST', `/cases/${enc(p.ctx.caseData.caseId)}/documents`, {
        body: { kind, filename: file.name, contentType, size: file.size },
      });
      if (!data.uploadUrl) throw new TransferError(403);
      setPercent(0);
      await uploadFile(data.uploadUrl, file, contentType, setPercent);
      setPercent(100);
      setKind('');
      setFile(undefined);
      setInputKey((k) => k + 1);
      await p.onUploaded(data.documentId, kind);
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldErrors[0] : undefined;
      if (field?.path === 'kind') {
        setKindProblem({ path: 'kind', code: field.code ?? 'invalid', limits: {} });
        focusWhenShown('f-doc-kind', true);
      } else if (field && ['filename', 'contentType', 'size'].includes(field.path)) {
        setFileCode(field.code as FileCode);
        focusWhenShown(FILE_ID, true);
      } else if (err instanceof TransferError) {
        setNotice({ kind: 'error', msg: (x) => (err.status === 403 ? x.uploadExpired : x.uploadFailed) });
      } else {
        setNotice({ kind: 'error', msg: problemMsg(err) });
      }
    } finally {
      setBusy(false);
      setPercent(undefined);
    }
  };

  const described = [`${FILE_ID}-hint`, fileCode ? `${FILE_ID}-error` : ''].filter(Boolean).join(' ');
  return h(
    'form',
    {
      id: 'document-upload',
      class: 'action',
      noValidate: true,
      'aria-labelledby': 'document-upload-title',
      onSubmit: (e: Event) => {
        e.preventDefault();
        void send();
      },
    },
    h('h3', { id: 'document-upload-title' }, m.uploadTitle),
    h(SelectField, {
      path: 'kind',
      idPrefix: 'doc-',
      label: m.documentKind,
      required: true,
      placeholder: m.chooseOne,
      options: optionsOf(DOCUMENT_KINDS, m.documentKindLabels),
      value: kind,
      problem: kindProblem,
      onValue: (v) => {
        setKind(v);
        if (v) setKindProblem(undefined);
      },
    }),
    h(
      'div',
      { class: `field${fileCode ? ' field--error' : ''}` },
      h(
        'label',
        { for: FILE_ID },
        h('span', { class: 'label-text' }, m.chooseFile, ' ', h('span', { class: 'req' }, `(${m.required})`)),
      ),
      h(
        'div',
        { class: 'field-notes' },
        h('p', { class: 'hint', id: `${FILE_ID}-hint` }, m.chooseFileHint),
        fileCode
          ? h(
              'p',
              { class: 'error-text', id: `${FILE_ID}-error` },
              h('span', { class: 'visually-hidden' }, `${m.errorPrefix} `),
              fileText(m, fileCode, file?.size ?? 0),
            )
          : null,
      ),
      h('input', {
        key: inputKey,
        id: FILE_ID,
        name: 'file',
        type: 'file',
        class: 'input input--long',
        accept: [...DOCUMENT_CONTENT_TYPES, '.pdf', '.jpg', '.jpeg', '.png'].join(','),
        'aria-describedby': described,
        'aria-invalid': fileCode ? 'true' : undefined,
        'aria-required': 'true',
        onChange: (e: Event) => choose((e.currentTarget as HTMLInputElement).files?.[0]),
      }),
    ),
    percent !== undefined
      ? h(
          'div',
          { class: 'upload-progress' },
          h('progress', { id: 'upload-progress', max: 100, value: percent, 'aria-label': m.uploadProgress }),
          h('span', { 'aria-hidden': 'true' }, m.uploading(percent)),
        )
      : null,
    h(Notice, { kind: notice?.kind, id: 'document-upload-notice' }, notice ? notice.msg(m) : null),
    h(Button, { type: 'submit', busy, id: 'document-upload-submit' }, busy ? m.uploading(percent ?? 0) : m.upload),
  );
}
