// POST /cases/{caseId}/notice { language }: the privacy notice given at first contact (a 181 / 112 referral,
// or a registration that did not record it), by the centre's team; 409 when it was given already.
import { viewOf } from '#shared/cases/views.ts';
import { recordNotice } from '#shared/privacy/notice.ts';
import { recordNoticeSchema } from '#shared/privacy/schemas.ts';
import { caseStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler(
  { route: 'record-notice', body: recordNoticeSchema },
  async ({ caller, params, body, now, change }) => {
    const c = await recordNotice(caseStore(), params.caseId, caller, body, now, change);
    return { body: viewOf(c, caller), headers: { etag: `"${c.version}"` } };
  },
);
