// The notifier port for the handlers that send SMS. SNS in Lambda; the local runtime sets its outbox.
// Kept apart from deps.ts so handlers that send nothing do not carry the SNS client in their bundle.
import { SnsNotifier } from '#shared/aws/sns-notifier.ts';
import { type Notifier, smsSettingsFromEnv } from '#shared/notifications/sms.ts';

let notifier: Notifier | undefined;

export function notifierPort(): Notifier {
  notifier ??= new SnsNotifier(smsSettingsFromEnv());
  return notifier;
}

export function setNotifier(n: Notifier): void {
  notifier = n;
}
