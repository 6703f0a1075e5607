// Go-live imports for administrators: a centre's register (cases), its roster (staff), and, for the state,
// figures of earlier years. The steps are the same for each: a template to fill (English, or with a Hindi
// example; the same column codes), the file picked, a dry run of the whole file with its problems by row and
// column in the chosen language, then the import in chunks of rows with a progress bar, and what came of it
// (created, skipped, and for a register the follow-ups that wait for a decision on their cases).
import { h } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CsvSyntaxError } from '../../../../shared/imports/csv.ts';
import { ApiError, apiGet, loadCentres } from '../../api.ts';
import type { Session } from '../../auth.ts';
import { useFocusWhenShown } from '../../focus.ts';
import { type Messages, t } from '../../i18n.ts';
import { followUpCandidates, importKindsFor } from '../../permissions.ts';
import { type Msg, problemMsg } from '../../problems.ts';
import { href, type ImportKind } from '../../router.ts';
import type { Centre, StaffMember } from '../../types.ts';
import { Block, Button, type El, Notice, SelectField } from '../../ui.ts';
import { MAX_FILE_BYTES, type ReadFile, readFile, sendFile } from './files.ts';
import { ProblemsTable, type RowProblem } from './report.ts';
import { Template } from './template.ts';

type Phase = 'idle' | 'checking' | 'checked' | 'importing' | 'done' | 'stopped';

interface Report {
  rows: number;
  valid: number;
  skipped: number;
  problems: RowProblem[];
}

interface Outcome {
  done: number;
  created: number;
  skipped: number;
  updated: number;
  decisions: Array<{ caseId: string; caseNumber: string; n: number }>;
}

const NO_OUTCOME: Outcome = { done: 0, created: 0, skipped: 0, updated: 0, decisions: [] };

function Tabs({ kind, kinds }: { kind: ImportKind; kinds: ImportKind[] }): El {
  const m = t();
  return h(
    'nav',
    { class: 'tabs', 'aria-label': m.importKindsLabel },
    h(
      'ul',
      null,
      kinds.map((k) =>
        h(
          'li',
          { key: k },
          h('a', { href: href.import(k), 'aria-current': k === kind ? 'page' : undefined }, m.importKindLabels[k]),
        ),
      ),
    ),
  );
}

function Result({ kind, outcome, m }: { kind: ImportKind; outcome: Outcome; m: Messages }): El {
  const decisions = outcome.decisions.reduce((n, d) => n + d.n, 0);
  const next = kind === 'cases' ? href.cases : kind === 'figures' ? href.reported : undefined;
  return h(
    'div',
    { id: 'import-result' },
    h(
      'p',
      { id: 'import-done', class: 'notice notice--success', tabIndex: -1 },
      m.importDone(outcome.created, outcome.skipped),
      outcome.updated ? ` ${m.importUpdated(outcome.updated)}` : '',
    ),
    decisions
      ? h(
          'div',
          { id: 'import-decisions' },
          h('p', null, m.decisionsNote(decisions)),
          h('h3', null, m.decisionsList),
          h(
            'ul',
            null,
            outcome.decisions.map((d) =>
              h('li', { key: d.caseId }, h('a', { href: href.case(d.caseId) }, d.caseNumber)),
            ),
          ),
        )
      : null,
    next ? h('p', null, h('a', { href: next, id: 'import-next' }, kind === 'cases' ? m.seeCases : m.seeFigures)) : null,
  );
}

export function Import({ kind, session }: { kind: ImportKind; session: Session }): El {
  const m = t();
  const p = session.principal;
  const isState = p.role === 'state-admin';
  const kinds = importKindsFor(p.role);
  const [centres, setCentres] = useState<Centre[]>([]);
  const [centreId, setCentreId] = useState(isState ? '' : (p.centreId ?? ''));
  const [workers, setWorkers] = useState<StaffMember[] | undefined>();
  const [file, setFile] = useState<{ name: string; read: ReadFile } | undefined>();
  const [fileProblem, setFileProblem] = useState<Msg | undefined>();
  const [phase, setPhase] = useState<Phase>('idle');
  const [report, setReport] = useState<Report | undefined>();
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const [failure, setFailure] = useState<Msg | undefined>();
  const focusWhenShown = useFocusWhenShown();
  const needsCentre = kind !== 'figures';

  useEffect(() => {
    if (isState) loadCentres().then(setCentres, () => undefined);
  }, []);
  useEffect(() => {
    setWorkers(undefined);
    if (kind !== 'cases' || !centreId) return;
    apiGet<StaffMember[]>(`/centres/${encodeURIComponent(centreId)}/staff`).then(
      (s) => setWorkers(followUpCandidates(s).filter((x) => x.phone)),
      () => setWorkers([]),
    );
  }, [kind, centreId]);
  // Another kind, centre or file starts again from the check.
  const restart = () => {
    setPhase('idle');
    setReport(undefined);
    setOutcome(NO_OUTCOME);
    setFailure(undefined);
  };
  useEffect(restart, [kind, centreId]);

  const pick = async (input: HTMLInputElement) => {
    restart();
    setFile(undefined);
    setFileProblem(undefined);
    const f = input.files?.[0];
    if (!f) return;
    if (f.size > MAX_FILE_BYTES) return setFileProblem(() => (x: Messages) => x.fileTooLarge);
    try {
      const read = readFile(await f.text());
      if (!read.rows) return setFileProblem(() => (x: Messages) => x.fileEmpty);
      setFile({ name: f.name, read });
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      setFileProblem(() => (x: Messages) => x.fileNotCsv(err.row));
    }
  };

  const refused = (err: unknown) => {
    if (err instanceof ApiError && err.status === 400 && err.fieldErrors.length) {
      setReport({ rows: file?.read.rows ?? 0, valid: 0, skipped: 0, problems: err.fieldErrors as RowProblem[] });
      return true;
    }
    setFailure(() => problemMsg(err));
    return false;
  };

  const check = async () => {
    if (!file) return;
    restart();
    setPhase('checking');
    try {
      const a = await sendFile(kind, centreId, file.read.text, true);
      setReport({ rows: a.rows, valid: a.valid, skipped: a.skipped, problems: a.errors });
    } catch (err) {
      refused(err);
    }
    setPhase('checked');
    focusWhenShown('import-report-title');
  };

  const run = async () => {
    if (!file) return;
    setPhase('importing');
    let sum = NO_OUTCOME;
    setOutcome(sum);
    for (const chunk of file.read.chunks) {
      try {
        const a = await sendFile(kind, centreId, chunk.text, false, chunk.firstRow);
        const decisions = (a.results ?? [])
          .filter((r) => r.caseId && r.overdueAtImport)
          .map((r) => ({ caseId: r.caseId as string, caseNumber: r.caseNumber ?? '', n: r.overdueAtImport ?? 0 }));
        sum = {
          done: sum.done + chunk.rows,
          created: sum.created + a.created,
          skipped: sum.skipped + a.skipped,
          updated: sum.updated + (a.updated ?? 0),
          decisions: [...sum.decisions, ...decisions],
        };
        setOutcome(sum);
      } catch (err) {
        refused(err);
        setPhase('stopped');
        focusWhenShown('import-stopped');
        return;
      }
    }
    setPhase('done');
    focusWhenShown('import-done');
  };

  const examples = file?.read.exampleRows ?? [];
  const ready = phase === 'checked' && report && report.problems.length === 0 && !examples.length && !failure;
  const centreChoices = centres.filter((c) => (kind === 'cases' ? c.status === 'OPERATIONAL' : c.status !== 'CLOSED'));
  const total = file?.read.rows ?? 0;

  return h(
    'section',
    { class: 'screen import' },
    h('h1', { id: 'page-title', tabIndex: -1 }, m.importTitle),
    h('p', { class: 'lead' }, m.importIntro),
    kinds.length > 1 ? h(Tabs, { kind, kinds }) : null,
    h('p', { id: 'import-kind-intro' }, m.importKindIntro[kind]),
    needsCentre && isState
      ? h(SelectField, {
          path: 'import-centre',
          label: m.importCentre,
          required: true,
          placeholder: m.chooseOne,
          options: centreChoices.map((c) => ({ value: c.centreId, label: `${c.name} (${c.district})` })),
          value: centreId,
          onValue: setCentreId,
        })
      : null,
    needsCentre && !centreId
      ? h('p', { class: 'muted', id: 'import-no-centre' }, m.importChooseCentre)
      : [
          h(Template, { key: 'template', kind, workers }),
          h(
            Block,
            { key: 'file', id: 'import-file-block', title: m.fileTitle },
            h(
              'div',
              { class: `field${fileProblem ? ' field--error' : ''}` },
              h('label', { for: 'import-file' }, m.fileLabel),
              h('p', { class: 'hint', id: 'import-file-hint' }, m.fileHint),
              fileProblem ? h('p', { class: 'error-text', id: 'import-file-error' }, fileProblem(m)) : null,
              h('input', {
                id: 'import-file',
                type: 'file',
                accept: '.csv,text/csv',
                'aria-describedby': fileProblem ? 'import-file-hint import-file-error' : 'import-file-hint',
                'aria-invalid': fileProblem ? 'true' : undefined,
                onChange: (e: Event) => void pick(e.currentTarget as HTMLInputElement),
              }),
            ),
            file ? h('p', { id: 'import-file-chosen' }, m.fileChosen(file.name, total)) : null,
            h(
              'p',
              { class: 'actions' },
              h(
                Button,
                { id: 'import-check', disabled: !file, busy: phase === 'checking', onClick: () => void check() },
                m.checkFile,
              ),
            ),
          ),
        ],
    h(Notice, { kind: 'error', id: 'import-failure' }, failure ? failure(m) : null),
    report
      ? h(
          'section',
          { class: 'block', 'aria-labelledby': 'import-report-title', id: 'import-report' },
          h('h2', { id: 'import-report-title', tabIndex: -1 }, m.reportTitle),
          h(
            'p',
            { id: 'import-summary' },
            m.reportSummary(report.rows, report.valid),
            report.skipped ? ` ${m.reportSkipped(report.skipped)}` : '',
          ),
          report.problems.length
            ? [
                h(
                  'p',
                  { key: 'n', id: 'import-problem-count', class: 'error-text' },
                  m.reportProblems(report.problems.length),
                ),
                h(ProblemsTable, { key: 't', kind, problems: report.problems }),
              ]
            : h('p', { id: 'import-ok' }, m.reportNoProblems),
          examples.length
            ? h('p', { class: 'error-text', id: 'import-example-row' }, m.exampleRowLeft(examples.join(', ')))
            : null,
          ready || phase === 'importing' || phase === 'stopped'
            ? h(
                'p',
                { class: 'actions' },
                h(
                  Button,
                  {
                    id: 'import-run',
                    busy: phase === 'importing',
                    disabled: phase === 'stopped',
                    onClick: () => void run(),
                  },
                  m.importNow(report.valid),
                ),
              )
            : null,
        )
      : null,
    phase === 'importing' || phase === 'done' || phase === 'stopped'
      ? h(
          'div',
          { class: 'import-progress' },
          h('label', { for: 'import-progress' }, m.progressLabel),
          h('progress', { id: 'import-progress', max: total, value: outcome.done }),
          h(
            'p',
            { class: 'live', 'aria-live': 'polite', id: 'import-progress-text' },
            m.importing(outcome.done, total),
          ),
        )
      : null,
    phase === 'stopped'
      ? h('p', { id: 'import-stopped', class: 'notice notice--error', tabIndex: -1 }, m.importStopped)
      : null,
    phase === 'done' ? h(Result, { kind, outcome, m }) : null,
  );
}
