// The Lambda task of every step of the escalation state machine (Step Functions in AWS,
// aws-local-stepfunctions locally, running the same definition). Each step is idempotent: a retried task
// never moves an escalation twice.
//   notify          record the level and SMS its people (case number, level, reason; nothing about her),
//                   within the centre's daily SMS cap (past it: no SMS, a metric the operators are alarmed on)
//   check           has someone acknowledged?
//   unacknowledged  after the state level: end UNACKNOWLEDGED and raise the alarm metric
//   failed          a step failed after its retries: record the failure on the case, raise the alarm metric

import { SYSTEM, SYSTEM_ACTOR } from '#shared/cases/model.ts';
import { config } from '#shared/core/config.ts';
import { istTimestamp } from '#shared/core/time.ts';
import { type EscalationRecord, MAX_LEVEL } from '#shared/escalations/store.ts';
import { SLOT_WORDS } from '#shared/notifications/sms.ts';
import { caseStore, escalationStore, notifier, smsBudget } from '../lib/deps.ts';
import { logger, MetricUnit, metrics } from '../lib/observability.ts';
import { backgroundHandler } from '../lib/scheduled.ts';

export interface StepInput {
  step: 'notify' | 'check' | 'unacknowledged' | 'failed';
  caseId: string;
  escalationId: string;
  level: number;
  error?: { Error?: string; Cause?: string };
}

export interface StepOutput {
  caseId: string;
  escalationId: string;
  level: number;
  waitSeconds: number;
  acknowledged: boolean;
  /** True when the escalation is no longer open (acknowledged, or ended some other way). */
  ended: boolean;
}

function windowSeconds(level: number): number {
  const hours = config().escalationWindowsHours;
  return Math.round((hours[level - 1] ?? hours[hours.length - 1]) * 3600);
}

const out = (e: EscalationRecord, level: number): StepOutput => ({
  caseId: e.caseId,
  escalationId: e.escalationId,
  level,
  waitSeconds: windowSeconds(level),
  acknowledged: e.status === 'ACKNOWLEDGED',
  ended: e.status !== 'OPEN',
});

async function end(
  e: EscalationRecord,
  status: 'UNACKNOWLEDGED' | 'FAILED',
  extra: Record<string, unknown>,
): Promise<void> {
  const cases = caseStore();
  const escalations = escalationStore();
  const at = istTimestamp(new Date());
  await cases.change(e.caseId, SYSTEM, {}, async (c) => {
    const current = await escalations.get(e.caseId, e.escalationId);
    if (current?.status !== 'OPEN') return undefined; // already ended: a retried step
    const open = { ...c.openEscalations };
    if (open[current.reason] === current.escalationId) delete open[current.reason];
    return {
      set: { updatedAt: at, openEscalations: open },
      items: escalations.endItems(current, status, SYSTEM_ACTOR, at, extra),
    };
  });
}

export const handler = backgroundHandler('escalation-workflow', async (input: StepInput): Promise<StepOutput> => {
  const escalations = escalationStore();
  const e = await escalations.get(input.caseId, input.escalationId);
  if (!e) throw new Error('Escalation not found');
  switch (input.step) {
    case 'notify': {
      if (e.status !== 'OPEN') return out(e, input.level);
      const level = Math.min(Math.max(1, input.level), MAX_LEVEL);
      const recipients = await escalations.recipients(e, level);
      const recorded = await escalations.recordLevel(
        e.caseId,
        e.escalationId,
        level,
        recipients.length,
        istTimestamp(new Date()),
      );
      if (recorded.status !== 'OPEN') return out(recorded, level);
      // What one centre can cost: past its daily cap the level is recorded and the workflow goes on, unsent.
      if (!(await smsBudget().take(e.centreId, recipients.length, new Date()))) {
        metrics.addMetric('EscalationSmsCapped', MetricUnit.Count, 1);
        logger.warn('escalation SMS not sent: the centre reached its daily cap', {
          caseId: e.caseId,
          escalationId: e.escalationId,
          centreId: e.centreId,
          escalationLevel: level,
          cap: smsBudget().cap,
        });
        return out(recorded, level);
      }
      // At least once: a retry of this step after a failed send sends again rather than not at all.
      for (const r of recipients) {
        await notifier().send({
          to: r.phone,
          language: r.language,
          template: 'escalation',
          slots: [e.caseNumber, String(level), SLOT_WORDS[r.language][e.reason]],
        });
      }
      metrics.addMetric('EscalationLevelNotified', MetricUnit.Count, 1);
      if (recipients.length === 0) metrics.addMetric('EscalationNoRecipients', MetricUnit.Count, 1);
      return out(recorded, level);
    }
    case 'check':
      return out(e, input.level);
    case 'unacknowledged':
      await end(e, 'UNACKNOWLEDGED', {});
      metrics.addMetric('EscalationUnacknowledged', MetricUnit.Count, 1);
      return out({ ...e, status: 'UNACKNOWLEDGED' }, input.level);
    case 'failed': {
      // The error name only: causes can carry stack traces, never needed on the case.
      await end(e, 'FAILED', { failure: String(input.error?.Error ?? 'Unknown').slice(0, 200) });
      metrics.addMetric('EscalationFailed', MetricUnit.Count, 1);
      return out({ ...e, status: 'FAILED' }, input.level);
    }
    default:
      throw new Error(`Unknown step ${(input as { step: string }).step}`);
  }
});
