// Correcting her details, under "The woman" on the case page (centre roles): the form opens filled with what
// the case has, asks why, and sends only the details that differ (PATCH /cases/{caseId} with If-Match: the
// version on screen). If someone else saved a change meanwhile, the API answers 412: the form says so plainly,
// keeps what was typed, and offers to reload the case (nothing is overwritten). The history then names the
// fields and keeps the reason; it never shows the old or new values.
import { h } from 'preact';
import * as z from 'zod/mini';
import { DISTRICTS } from '../../../../shared/network/geography.ts';
import { correctCaseSchema } from '../../../../shared/schemas.ts';
import { ApiError } from '../../api.ts';
import { t } from '../../i18n.ts';
import type { El } from '../../ui.ts';
import { type CaseCtx, caseAction } from './case-action.ts';
import { correctionBody, initialOf } from './correction-body.ts';

/** The API's schema, and in the form also: a correction must change something (the API says so too). */
const formSchema = z.strictObject({
  survivor: correctCaseSchema.shape.survivor.check(
    z.refine((s) => Object.keys(s).length > 0, { error: 'Nothing has changed' }),
  ),
  reason: correctCaseSchema.shape.reason,
});

export function EditDetails({ ctx }: { ctx: CaseCtx }): El | null {
  const m = t();
  const c = ctx.caseData;
  const s = c.survivor;
  if (!s) return null;
  return h(
    'div',
    { class: 'edit-details' },
    h(
      'datalist',
      { id: 'edit-district-list' },
      DISTRICTS.map((d) => h('option', { key: d.slug, value: d.name })),
    ),
    caseAction(
      {
        ctx,
        id: 'edit',
        idPrefix: 'edit-',
        title: m.editDetailsTitle,
        intro: m.editDetailsIntro,
        opener: { text: m.editDetails },
        path: '',
        method: 'PATCH',
        ifMatch: true,
        removesForm: true,
        errorFocus: 'summary',
        initial: initialOf(s),
        fields: () => [
          { kind: 'text', path: 'survivor.name', label: m.survivorName, required: true },
          {
            kind: 'text',
            path: 'survivor.age',
            label: m.survivorAge,
            hint: m.survivorAgeHint,
            required: true,
            inputMode: 'numeric',
            size: 'short',
          },
          {
            kind: 'text',
            path: 'survivor.phone',
            label: m.survivorPhone,
            hint: `${m.survivorPhoneHint}. ${m.phoneClearHint}`,
            type: 'tel',
            inputMode: 'tel',
            size: 'medium',
          },
          { kind: 'checkbox', path: 'survivor.safeToContact', label: m.safeToContact },
          {
            kind: 'text',
            path: 'survivor.district',
            label: m.survivorDistrict,
            size: 'medium',
            list: 'edit-district-list',
          },
          { kind: 'text', path: 'survivor.address', label: m.survivorAddress, multiline: true },
          {
            kind: 'text',
            path: 'reason',
            label: m.editReason,
            hint: m.editReasonHint,
            required: true,
            multiline: true,
          },
        ],
        schema: formSchema,
        body: (v) => correctionBody(s, v),
        done: () => (x) => x.editSaved,
        remedy: (err) =>
          err instanceof ApiError && err.status === 412
            ? {
                msg: (x) => x.conflictNotice,
                button: (x) => x.conflictReload,
                run: async () => {
                  await ctx.reload();
                  ctx.announce('info', (x) => x.conflictReloaded, true);
                },
              }
            : undefined,
        submit: m.editSave,
      },
      // A new version is a new form, filled with the case as it now is.
      `edit-${c.version}`,
    ),
  );
}
