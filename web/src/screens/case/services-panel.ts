// The services given (medical help, shelter, police, legal aid, counselling…), and recording one more.
import { h } from 'preact';
import { recordServiceSchema, SERVICES } from '../../../../shared/schemas.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { canRecordService } from '../../permissions.ts';
import type { ServiceRecord } from '../../types.ts';
import { type El, optionsOf } from '../../ui.ts';
import { type CaseCtx, caseAction, noteField, opt } from './case-action.ts';
import { Panel, Records } from './panel.ts';

function ServiceAction({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  return caseAction({
    ctx,
    id: 'service',
    idPrefix: 'svc-',
    title: m.recordService,
    path: 'services',
    initial: { type: '', note: '' },
    fields: () => [
      {
        kind: 'select',
        path: 'type',
        label: m.serviceType,
        required: true,
        placeholder: m.chooseOne,
        options: optionsOf(SERVICES, m.serviceLabels),
      },
      noteField(m),
    ],
    schema: recordServiceSchema,
    body: (v) => ({ type: opt(v.type), note: opt(v.note) }),
    done: () => (x) => x.serviceRecorded,
    submit: m.save,
  });
}

export function ServicesPanel({ ctx }: { ctx: CaseCtx }): El {
  const m = t();
  const c = ctx.caseData;
  return h(
    Panel,
    { id: 'sec-services', title: m.servicesSection },
    h(Records<ServiceRecord>, {
      rows: c.services,
      empty: m.noServices,
      id: 'services-list',
      item: (s) =>
        h(
          'li',
          { key: s.serviceId },
          h('strong', null, labelOf(m.serviceLabels, s.serviceType ?? s.type)),
          ' · ',
          formatDateTime(s.at),
          s.recordedBy?.username ? ` · ${s.recordedBy.username}` : '',
          s.note ? h('p', { class: 'note' }, s.note) : null,
        ),
    }),
    canRecordService(ctx.session.principal.role, c) ? h(ServiceAction, { ctx }) : null,
  );
}
