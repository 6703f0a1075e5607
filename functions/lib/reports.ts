// The reports service for the handlers that build or read reports; the announcer is SNS in Lambda and the
// e-mail outbox locally (set by the local runtime).
import { SnsAnnouncer } from '#shared/aws/sns-announcer.ts';
import { type ReportAnnouncer, Reports } from '#shared/oversight/reports.ts';
import { docClient, runtimeConfig } from './deps.ts';

let announcer: ReportAnnouncer | undefined;
let reports: Reports | undefined;

export function setAnnouncer(a: ReportAnnouncer): void {
  announcer = a;
  reports = undefined;
}

export function reportsService(): Reports {
  if (!reports) {
    if (!announcer) {
      const topic = process.env.REPORTS_TOPIC_ARN;
      if (!topic) throw new Error('Missing environment variable REPORTS_TOPIC_ARN');
      announcer = new SnsAnnouncer(topic);
    }
    const doc = docClient();
    const config = runtimeConfig();
    reports = new Reports(
      doc,
      config.tableName,
      announcer,
      process.env.WEB_URL ?? '',
      Number(process.env.STATS_SMALL_CELL ?? 5),
    );
  }
  return reports;
}
