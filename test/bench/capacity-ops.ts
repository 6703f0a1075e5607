// The operations the capacity section measures, one entry each: what staff and the schedules do to a case.
// Each runs against the local runtime with everything it needs set up beforehand (not metered); only `run`
// is metered, up to the moment the runtime has settled (stream dispatched, workflows ended).
//
// An operation whose handler is not in functions/ yet (a route still being built on another branch) is
// listed as "not present", not as a failure: name the handlers it needs in `needs`.
import { financialYear, istDate } from '../../shared/core/time.ts';
import {
  ADMIN,
  type CapacityOp,
  closedCase,
  expect2xx,
  inProgress,
  newCase,
  onCase,
  registerCsv,
  resolved,
  STAFF,
  WORKER,
  waitingAtLevelOne,
} from './capacity-context.ts';
import { MILESTONE_OPS } from './capacity-ops-milestones.ts';

const DUE = 10;
const IMPORT_ROWS = 20;
const RETIRED = 3;
/** Past the local stage's retention period (seven years) for a case ended today. */
const YEARS_ON = 8 * 366 * 86_400_000;
/** A scanned FIR copy (cost-model.ts DOCUMENT_BYTES). */
const DOCUMENT_SIZE = 240_000;

export const CAPACITY_OPS: CapacityOp[] = [
  {
    name: 'register',
    what: 'POST /cases',
    needs: ['create-case'],
    run: async (ctx) => void (await newCase(ctx)),
  },
  {
    name: 'list',
    what: 'GET /cases (first page of 50)',
    needs: ['list-cases'],
    run: async (ctx) => void expect2xx(await ctx.invoke('list-cases', { user: STAFF }), 'list-cases'),
  },
  {
    name: 'get',
    what: 'GET /cases/{caseId} (read audited)',
    needs: ['get-case'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) => void expect2xx(await ctx.invoke('get-case', { user: STAFF, ...onCase(c.caseId) }), 'get'),
  },
  {
    name: 'service',
    what: 'POST /cases/{caseId}/services',
    needs: ['record-service'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('record-service', { user: STAFF, ...onCase(c.caseId), body: { type: 'COUNSELLING' } }),
        'service',
      ),
  },
  {
    name: 'status',
    what: 'POST /cases/{caseId}/status',
    needs: ['change-status'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('change-status', { user: STAFF, ...onCase(c.caseId), body: { status: 'IN_PROGRESS' } }),
        'status',
      ),
  },
  {
    name: 'correction',
    what: 'PATCH /cases/{caseId}',
    needs: ['correct-case'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('correct-case', {
          user: STAFF,
          ...onCase(c.caseId),
          headers: { 'if-match': String(c.version ?? 1) },
          body: { survivor: { age: 30 }, reason: 'Age written wrongly at registration' },
        }),
        'correction',
      ),
  },
  {
    name: 'consent',
    what: 'POST /cases/{caseId}/consent',
    needs: ['change-consent'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('change-consent', { user: STAFF, ...onCase(c.caseId), body: { contactByPhone: true } }),
        'consent',
      ),
  },
  {
    name: 'resolve',
    what: 'POST /cases/{caseId}/resolve (plans the follow-ups)',
    needs: ['resolve-case'],
    setup: (ctx) => inProgress(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('resolve-case', {
          user: STAFF,
          ...onCase(c.caseId),
          body: { outcome: 'Safe with her family', followUpWorkerId: WORKER },
        }),
        'resolve',
      ),
  },
  {
    name: 'follow-up outcome',
    what: 'POST /cases/{caseId}/followups/{followUpId}',
    needs: ['record-follow-up', 'list-follow-ups'],
    setup: async (ctx) => {
      const c = await resolved(ctx);
      const list = expect2xx(await ctx.invoke('list-follow-ups', { user: STAFF, ...onCase(c.caseId) }), 'followups');
      const items = (Array.isArray(list.body) ? list.body : list.body.items) as Array<{ followUpId: string }>;
      return { caseId: c.caseId, followUpId: items[0].followUpId };
    },
    run: async (ctx, s) =>
      void expect2xx(
        await ctx.invoke('record-follow-up', { user: STAFF, pathParameters: s, body: { outcome: 'SAFE' } }),
        'follow-up',
      ),
  },
  {
    name: 'partner referral',
    what: 'POST /cases/{caseId}/partner-referrals',
    needs: ['create-partner-referral', 'list-partners'],
    setup: async (ctx) => {
      const c = await newCase(ctx);
      const res = expect2xx(
        await ctx.invoke('list-partners', { user: STAFF, query: { district: 'Patna' } }),
        'partners',
      );
      const partners = (Array.isArray(res.body) ? res.body : res.body.items) as Array<{
        partnerId: string;
        kind: string;
      }>;
      const dlsa = partners.find((p) => p.kind === 'DLSA') ?? partners[0];
      return { caseId: c.caseId, partnerId: dlsa.partnerId };
    },
    run: async (ctx, s) =>
      void expect2xx(
        await ctx.invoke('create-partner-referral', {
          user: STAFF,
          ...onCase(s.caseId),
          body: { partnerId: s.partnerId, basis: 'CONSENT', purpose: 'Free legal aid' },
        }),
        'partner referral',
      ),
  },
  {
    name: 'transfer',
    what: 'POST /cases/{caseId}/transfers + POST /transfers/{id}/accept',
    needs: ['request-transfer', 'accept-transfer'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) => {
      const asked = expect2xx(
        await ctx.invoke('request-transfer', {
          user: ADMIN,
          ...onCase(c.caseId),
          body: { toCentreId: 'osc-gaya-1', reason: 'She has moved to Gaya' },
        }),
        'request-transfer',
      );
      const transferId = String(asked.body.transferId);
      expect2xx(
        await ctx.invoke('accept-transfer', { user: 'admin.gaya1', pathParameters: { transferId }, body: {} }),
        'accept-transfer',
      );
    },
  },
  {
    name: 'escalation, acknowledged at level 1',
    what: 'POST …/escalations, workflow, SMS, POST …/acknowledge',
    needs: ['start-escalation', 'acknowledge-escalation', 'escalation-workflow', 'stream-dispatcher'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) => {
      const started = expect2xx(
        await ctx.invoke('start-escalation', { user: STAFF, ...onCase(c.caseId), body: { reason: 'OTHER' } }),
        'start-escalation',
      );
      const escalationId = String(started.body.escalationId);
      await waitingAtLevelOne(ctx, c.caseId, escalationId);
      expect2xx(
        await ctx.invoke('acknowledge-escalation', {
          user: ADMIN,
          pathParameters: { caseId: c.caseId, escalationId },
          body: { note: 'Counsellor assigned' },
        }),
        'acknowledge',
      );
    },
  },
  {
    name: 'escalation, unacknowledged (3 levels)',
    what: 'POST …/escalations, workflow to the state level',
    needs: ['start-escalation', 'escalation-workflow', 'stream-dispatcher'],
    reps: 2,
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(
        await ctx.invoke('start-escalation', { user: STAFF, ...onCase(c.caseId), body: { reason: 'HIGH_RISK' } }),
        'start-escalation',
      ),
  },
  {
    name: 'reminder sweep, nothing due',
    what: 'followup-reminders (daily)',
    needs: ['followup-reminders'],
    run: async (ctx) => void (await ctx.schedule('followup-reminders')),
  },
  {
    name: 'reminder sweep',
    what: `followup-reminders with ${DUE} due`,
    needs: ['followup-reminders'],
    per: { unit: 'due follow-up', count: DUE, minus: 'reminder sweep, nothing due' },
    setup: (ctx) =>
      ctx.seedCases(DUE, {
        centreIds: ['osc-patna-1'],
        status: 'RESOLVED',
        followUps: () => [{ dueDate: istDate(ctx.now) }],
      }),
    run: async (ctx) => {
      const result = await ctx.schedule('followup-reminders');
      if (result?.sent !== undefined && result.sent !== DUE)
        throw new Error(`the sweep sent ${result.sent} of ${DUE} reminders: ${JSON.stringify(result)}`);
    },
  },
  ...MILESTONE_OPS,
  {
    name: 'weekly review',
    what: 'weekly-review (Mondays)',
    needs: ['weekly-review'],
    // A week of its own each time: a second run for the same week finds its report and writes nothing.
    run: async (ctx, _s, rep) =>
      void (await ctx.schedule('weekly-review', new Date(ctx.now.getTime() - rep * 7 * 86_400_000))),
  },
  {
    name: 'monthly district reports',
    what: 'monthly-district-report (1st of the month)',
    needs: ['monthly-district-report'],
    // A month of its own each time, as the weekly review.
    run: async (ctx, _s, rep) =>
      void (await ctx.schedule('monthly-district-report', new Date(ctx.now.getTime() - rep * 31 * 86_400_000))),
  },
  {
    name: 'document sweep, nothing due',
    what: 'document-sweep (hourly)',
    needs: ['document-sweep'],
    run: async (ctx) => void (await ctx.schedule('document-sweep')),
  },
  {
    name: 'retention, nothing due',
    what: 'retention (daily)',
    needs: ['retention'],
    run: async (ctx) => void (await ctx.schedule('retention')),
  },
  {
    // Years after it ended, each case is anonymised once: its whole partition read, the free text removed,
    // the case item rewritten. A case through a typical life (closedCase); cases ended earlier in the run are
    // taken care of first (not metered), so the run finds exactly these.
    name: 'retention',
    what: `retention with ${RETIRED} cases due (closed after a typical life)`,
    needs: ['retention'],
    per: { unit: 'case anonymised', count: RETIRED, minus: 'retention, nothing due' },
    setup: async (ctx) => {
      const at = new Date(ctx.now.getTime() + YEARS_ON);
      await ctx.schedule('retention', at);
      for (let i = 0; i < RETIRED; i++) await closedCase(ctx);
      return at;
    },
    run: async (ctx, at: Date) => {
      const result = await ctx.schedule('retention', at);
      if (result?.anonymised !== RETIRED)
        throw new Error(`retention anonymised ${result?.anonymised} of ${RETIRED}: ${JSON.stringify(result)}`);
    },
  },
  {
    name: 'stats',
    what: 'GET /stats (state, this year)',
    needs: ['get-stats'],
    run: async (ctx) =>
      void expect2xx(
        await ctx.invoke('get-stats', { user: 'state.wcdc', query: { fy: financialYear(ctx.now) } }),
        'stats',
      ),
  },
  {
    // The presigned upload, the file put to S3 (the local stand-in) as the form puts it, and the checker the
    // upload sets off (magic bytes against the declared type): what one document costs but the S3 request.
    name: 'document upload',
    what: 'POST /cases/{caseId}/documents, PUT to S3, document-check',
    needs: ['create-document', 'document-check'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) => {
      const created = expect2xx(
        await ctx.invoke('create-document', {
          user: STAFF,
          ...onCase(c.caseId),
          body: { kind: 'FIR_COPY', filename: 'fir-copy.pdf', contentType: 'application/pdf', size: DOCUMENT_SIZE },
        }),
        'create-document',
      );
      const file = Buffer.alloc(DOCUMENT_SIZE, 0x20);
      file.write('%PDF-1.4\n');
      const put = await fetch(String(created.body.uploadUrl), {
        method: 'PUT',
        headers: { 'content-type': 'application/pdf' },
        body: file,
      });
      await put.arrayBuffer();
      if (!put.ok) throw new Error(`the upload to S3 answered ${put.status}`);
    },
  },
  {
    name: 'access log',
    what: 'GET /cases/{caseId}/access-log',
    needs: ['get-access-log'],
    setup: (ctx) => newCase(ctx),
    run: async (ctx, c) =>
      void expect2xx(await ctx.invoke('get-access-log', { user: ADMIN, ...onCase(c.caseId) }), 'access log'),
  },
  {
    name: 'import',
    what: `POST /centres/{centreId}/imports, ${IMPORT_ROWS} rows`,
    needs: ['import-cases'],
    per: { unit: 'row', count: IMPORT_ROWS },
    reps: 2,
    run: async (ctx, _s, rep) => {
      const registeredOn = istDate(new Date(ctx.now.getTime() - 200 * 86_400_000));
      expect2xx(
        await ctx.invoke('import-cases', {
          user: ADMIN,
          pathParameters: { centreId: 'osc-patna-1' },
          query: { dryRun: 'false' },
          headers: { 'content-type': 'text/csv; charset=utf-8' },
          body: registerCsv(rep, IMPORT_ROWS, registeredOn),
        }),
        'import',
      );
    },
  },
];
