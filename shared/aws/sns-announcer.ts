// Announces a ready report on the state officials' e-mail topic (SNS): a subject and a link, no figures.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ReportAnnouncer } from '../oversight/reports.ts';

export class SnsAnnouncer implements ReportAnnouncer {
  constructor(
    private readonly topicArn: string,
    private readonly sns: SNSClient = new SNSClient({}),
  ) {}

  async announce(subject: string, message: string): Promise<void> {
    await this.sns.send(
      new PublishCommand({ TopicArn: this.topicArn, Subject: subject.slice(0, 100), Message: message }),
    );
  }
}
