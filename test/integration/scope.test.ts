// Every case route, derived from the route table (so a new route is covered the day it is added): staff
// and administrators of another centre, and officers of another district, never reach a case that is not
// theirs. Outside the caller's scope the answer is 404 (a role that may never call the route: 403), and
// nothing is written.
import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '#shared/core/routes.ts';
import { api, newCase, userInfo } from './client.ts';

const SAMPLE_BODIES: Record<string, unknown> = {
  RecordService: { type: 'MEDICAL' },
  ChangeStatus: { status: 'IN_PROGRESS' },
  ResolveCase: { outcome: 'x', followUpWorkerId: 'patna-1-s1' },
  RecordFollowUp: { outcome: 'SAFE' },
  StartEscalation: { reason: 'OTHER' },
  AcknowledgeEscalation: {},
  CreateDocument: { kind: 'OTHER', filename: 'a.pdf', contentType: 'application/pdf', size: 10 },
  LegalHold: { hold: true, reason: 'Court case pending' },
  CreatePartnerReferral: { partnerId: 'patna-00000000', basis: 'CONSENT' },
  UpdatePartnerReferral: { status: 'ACCEPTED' },
  RequestTransfer: { toCentreId: 'osc-gaya-1', reason: 'x' },
  SettleFollowUp: { note: 'Done on paper' },
  CorrectCase: { survivor: { name: 'Other' }, reason: 'x' },
  ChangeConsent: { contactByPhone: true },
  LinkCase: { caseId: '00000000-0000-4000-8000-000000000000' },
};

describe('scope on every case route', () => {
  const caseRoutes = (ROUTES as readonly Route[]).filter((r) => r.path.includes('{caseId}'));

  it('covers every route with a case in its path', () => {
    expect(caseRoutes.length).toBeGreaterThanOrEqual(10);
    for (const r of caseRoutes) if (r.body) expect(SAMPLE_BODIES, r.id).toHaveProperty(r.body);
  });

  it('refuses other centres and districts on each of them, and writes nothing', async () => {
    // A Patna case with a plan and an escalation, so every sub-resource exists.
    const { body: c } = await api('staff.patna1', 'POST', '/cases', newCase());
    await api('staff.patna1', 'POST', `/cases/${c.caseId}/status`, { status: 'IN_PROGRESS' });
    const worker = (await userInfo('staff.patna1')).staffId;
    const resolved = await api('staff.patna1', 'POST', `/cases/${c.caseId}/resolve`, {
      outcome: 'x',
      followUpWorkerId: worker,
    });
    const escalation = await api('staff.patna1', 'POST', `/cases/${c.caseId}/escalations`, { reason: 'OTHER' });
    const document = await api('staff.patna1', 'POST', `/cases/${c.caseId}/documents`, SAMPLE_BODIES.CreateDocument);
    // Acknowledged at once, so the workflow adds nothing to the history while the loop below runs.
    await api('admin.patna1', 'POST', `/cases/${c.caseId}/escalations/${escalation.body.escalationId}/acknowledge`, {});
    const partners = await api('staff.patna1', 'GET', '/partners?district=Patna&kind=DLSA');
    const referral = await api('staff.patna1', 'POST', `/cases/${c.caseId}/partner-referrals`, {
      partnerId: partners.body[0].partnerId,
      basis: 'CONSENT',
    });
    const before = await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`);

    const params: Record<string, string> = {
      caseId: c.caseId,
      followUpId: resolved.body.followUps[0].followUpId,
      escalationId: escalation.body.escalationId,
      documentId: document.body.documentId,
      referralId: referral.body.referralId,
    };
    for (const route of caseRoutes) {
      const path = route.path.replace(/\{(\w+)\}/g, (_m, k: string) => params[k]);
      for (const user of ['staff.gaya1', 'admin.gaya1', 'officer.gaya']) {
        const role = (await userInfo(user)) as { role?: string };
        const allowed = (route.roles as readonly string[]).includes(role.role ?? '');
        // A route that requires If-Match answers 428 to any request without it, before it looks at the case.
        const headers: Record<string, string> = route.ifMatch ? { 'if-match': '1' } : {};
        const res = await api(user, route.method, path, route.body ? SAMPLE_BODIES[route.body] : undefined, headers);
        expect(res.status, `${user} ${route.method} ${route.path}`).toBe(allowed ? 404 : 403);
      }
    }
    const after = await api('staff.patna1', 'GET', `/cases/${c.caseId}/history`);
    expect(after.body).toEqual(before.body);
  });
});
