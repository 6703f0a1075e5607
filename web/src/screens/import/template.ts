// What a person needs to fill an import file: the template to download (English, or with a Hindi example; the
// same column codes), what each column holds in the chosen language, the codes a column takes with their
// words, and for a register the staff ids of the centre's follow-up workers.
import { h } from 'preact';
import { COLUMNS } from '../../../../shared/imports/columns.ts';
import { CATEGORIES, REFERRAL_SOURCES, RISK_LEVELS, STAFF_ROLES } from '../../../../shared/schemas.ts';
import { t } from '../../i18n.ts';
import type { ImportKind } from '../../router.ts';
import { type Column, DataTable, download } from '../../table.ts';
import type { StaffMember } from '../../types.ts';
import { Block, Button, type El } from '../../ui.ts';
import { templateCsv } from './files.ts';

/** The codes a column takes, each with its words in the chosen language (the file holds the codes). */
function Codes({ kind }: { kind: ImportKind }): El | null {
  const m = t();
  const lists: Array<[string, readonly string[], Record<string, string>]> =
    kind === 'cases'
      ? [
          ['categories', CATEGORIES, m.categoryLabels],
          ['referralSource', REFERRAL_SOURCES, m.referralLabels],
          ['riskLevel', RISK_LEVELS, m.riskLabels],
        ]
      : kind === 'staff'
        ? [['role', STAFF_ROLES, m.staffRoleLabels]]
        : [];
  if (!lists.length) return null;
  return h(
    'details',
    { class: 'more', id: 'import-codes' },
    h('summary', null, m.codesTitle),
    lists.map(([column, codes, labels]) =>
      h(
        'div',
        { key: column },
        h('h4', null, column),
        h(
          'ul',
          { class: 'codes' },
          codes.map((c) => h('li', { key: c }, h('code', null, c), ` ${labels[c] ?? ''}`)),
        ),
      ),
    ),
  );
}

/** The template to download, and what each column holds (and, for a register, the worker ids to use). */
export function Template({ kind, workers }: { kind: ImportKind; workers: StaffMember[] | undefined }): El {
  const m = t();
  const first = workers?.[0]?.staffId;
  const columns: Column<(typeof COLUMNS)[ImportKind][number]>[] = [
    { key: 'code', label: m.colColumn, value: (c) => c.code, rowHeader: true },
    { key: 'hi', label: 'हिन्दी', value: (c) => c.hi },
    { key: 'needed', label: m.colNeeded, value: (c) => (c.required ? m.neededYes : m.neededNo) },
    { key: 'meaning', label: m.colMeaning, value: (c) => m.columnHelp[c.code] ?? '' },
  ];
  const workerColumns: Column<StaffMember>[] = [
    { key: 'staffId', label: m.colStaffId, value: (s) => s.staffId, rowHeader: true },
    { key: 'name', label: m.colName, value: (s) => s.name },
  ];
  return h(
    Block,
    { id: 'import-template', title: m.templateTitle },
    h('p', null, m.templateIntro),
    h(
      'p',
      { class: 'actions' },
      h(
        Button,
        {
          kind: 'secondary',
          id: 'template-en',
          onClick: () => download(`sakhi-osc-${kind}-template-en.csv`, templateCsv(kind, 'en', first)),
        },
        m.templateEn,
      ),
      ' ',
      h(
        Button,
        {
          kind: 'secondary',
          id: 'template-hi',
          onClick: () => download(`sakhi-osc-${kind}-template-hi.csv`, templateCsv(kind, 'hi', first)),
        },
        m.templateHi,
      ),
    ),
    h('h3', { id: 'import-columns-title' }, m.columnsTitle),
    h(DataTable<(typeof COLUMNS)[ImportKind][number]>, {
      id: 'import-columns',
      caption: m.columnsTitle,
      captionHidden: true,
      rows: COLUMNS[kind],
      rowKey: (c) => c.code,
      columns,
      sortable: false,
    }),
    h(Codes, { kind }),
    kind === 'cases'
      ? [
          h('h3', { key: 'title', id: 'import-workers-title' }, m.workersTitle),
          workers?.length
            ? h(DataTable<StaffMember>, {
                key: 'workers',
                id: 'import-workers',
                caption: m.workersTitle,
                captionHidden: true,
                rows: workers,
                rowKey: (s) => s.staffId,
                columns: workerColumns,
                sortable: false,
              })
            : h('p', { key: 'none', class: 'muted' }, workers ? m.noWorkers : m.loading),
        ]
      : null,
  );
}
