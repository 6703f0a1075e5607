// The SNS adapter of the notifier port: one transactional SMS per message, with the DLT attributes.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { type Notifier, renderSms, type SmsMessage, type SmsSettings, smsAttributes } from '../notifications/sms.ts';

export class SnsNotifier implements Notifier {
  constructor(
    private readonly settings: SmsSettings,
    private readonly sns: SNSClient = new SNSClient({}),
  ) {}

  async send(m: SmsMessage): Promise<void> {
    const attributes = smsAttributes(this.settings, m.template, m.language);
    await this.sns.send(
      new PublishCommand({
        PhoneNumber: m.to,
        Message: renderSms(m.template, m.language, m.slots),
        MessageAttributes: Object.fromEntries(
          Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]),
        ),
      }),
    );
  }
}
