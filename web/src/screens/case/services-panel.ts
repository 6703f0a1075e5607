// The services given (medical help, shelter, police, legal aid, counselling…), and recording one more.
import { h } from 'preact';
import { recordServiceSchema, SERVICES } from '../../../../shared/schemas.ts';
import { formatDateTime } from '../../format.ts';
import { labelOf, t } from '../../i18n.ts';
import { canRecordService } from '../../permissions.ts';
import type { El } from '../../ui.ts';
import { type CaseCtx, caseAction, noteField, opt, optionsOf } from './case-action.ts';

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
    'section',
    { class: 'card', 'aria-labelledby': 'sec-services' },
    h('h2', { id: 'sec-services' }, m.servicesSection),
    c.services?.length
      ? h(
          'ul',
          { class: 'records', id: 'services-list' },
          c.services.map((s) =>
            h(
              'li',
              { key: s.serviceId },
              h('strong', null, labelOf(m.serviceLabels, s.serviceType ?? s.type)),
              ' · ',
              formatDateTime(s.at),
              s.recordedBy?.username ? ` · ${s.recordedBy.username}` : '',
              s.note ? h('p', { class: 'note' }, s.note) : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, m.noServices),
    canRecordService(ctx.session.principal.role, c) ? h(ServiceAction, { ctx }) : null,
  );
}
