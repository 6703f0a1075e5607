// Stored reports for the read routes (no builders, no e-mail client in their bundles).
import { ReportStore } from '#shared/oversight/report-store.ts';
import { docClient, runtimeConfig } from './deps.ts';

let store: ReportStore | undefined;

export function reportStore(): ReportStore {
  store ??= new ReportStore(docClient(), runtimeConfig().tableName);
  return store;
}
