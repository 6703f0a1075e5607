// Every request schema by name: the route table points at these names, and the API Gateway models and the
// OpenAPI document are generated from them. Each schema lives with its feature (cases/schemas.ts,
// network/schemas.ts, ...); a handler imports its own from there, so its bundle carries only that schema.
// The form imports the words (vocabulary) and the schemas it validates with through this file.

export * from './cases/schemas.ts';
export * from './core/schema-parts.ts';
export * from './core/vocabulary.ts';
export * from './documents/rules.ts';
export * from './documents/schemas.ts';
export * from './escalations/schemas.ts';
export * from './follow-ups/schemas.ts';
export * from './imports/schemas.ts';
export * from './network/schemas.ts';
export * from './oversight/schemas.ts';
export * from './partners/rules.ts';
export * from './partners/schemas.ts';
export * from './privacy/schemas.ts';
export * from './similar/schemas.ts';
export * from './transfers/schemas.ts';

import {
  changeConsentSchema,
  changeStatusSchema,
  correctCaseSchema,
  createCaseSchema,
  listCasesQuerySchema,
  recordServiceSchema,
  referralCaseSchema,
} from './cases/schemas.ts';
import { createDocumentSchema } from './documents/schemas.ts';
import { acknowledgeEscalationSchema, startEscalationSchema } from './escalations/schemas.ts';
import { recordFollowUpSchema, resolveCaseSchema, settleFollowUpSchema } from './follow-ups/schemas.ts';
import { importQuerySchema } from './imports/schemas.ts';
import {
  changeUserAccessSchema,
  createCentreSchema,
  createStaffSchema,
  updateCentreSchema,
  updateStaffSchema,
} from './network/schemas.ts';
import {
  recordReportedFiguresSchema,
  reportedFiguresQuerySchema,
  reportsQuerySchema,
  statsQuerySchema,
} from './oversight/schemas.ts';
import {
  createPartnerReferralSchema,
  createPartnerSchema,
  listPartnersQuerySchema,
  updatePartnerReferralSchema,
  updatePartnerSchema,
} from './partners/schemas.ts';
import {
  accessLogQuerySchema,
  caseAccessLogQuerySchema,
  legalHoldSchema,
  recordExportSchema,
} from './privacy/schemas.ts';
import { linkCaseSchema } from './similar/schemas.ts';
import {
  acceptTransferSchema,
  cancelTransferSchema,
  declineTransferSchema,
  listTransfersQuerySchema,
  requestTransferSchema,
} from './transfers/schemas.ts';

export const requestSchemas = {
  CreateCase: createCaseSchema,
  RecordService: recordServiceSchema,
  ChangeStatus: changeStatusSchema,
  ResolveCase: resolveCaseSchema,
  RecordFollowUp: recordFollowUpSchema,
  StartEscalation: startEscalationSchema,
  AcknowledgeEscalation: acknowledgeEscalationSchema,
  ReferralCase: referralCaseSchema,
  CreateCentre: createCentreSchema,
  UpdateCentre: updateCentreSchema,
  CreateStaff: createStaffSchema,
  UpdateStaff: updateStaffSchema,
  CreateDocument: createDocumentSchema,
  ChangeUserAccess: changeUserAccessSchema,
  LegalHold: legalHoldSchema,
  RecordExport: recordExportSchema,
  SettleFollowUp: settleFollowUpSchema,
  RecordReportedFigures: recordReportedFiguresSchema,
  CreatePartner: createPartnerSchema,
  UpdatePartner: updatePartnerSchema,
  CreatePartnerReferral: createPartnerReferralSchema,
  UpdatePartnerReferral: updatePartnerReferralSchema,
  RequestTransfer: requestTransferSchema,
  AcceptTransfer: acceptTransferSchema,
  DeclineTransfer: declineTransferSchema,
  CancelTransfer: cancelTransferSchema,
  CorrectCase: correctCaseSchema,
  ChangeConsent: changeConsentSchema,
  LinkCase: linkCaseSchema,
} as const;
export type RequestSchemaName = keyof typeof requestSchemas;

export const querySchemas = {
  ListCases: listCasesQuerySchema,
  Stats: statsQuerySchema,
  Reports: reportsQuerySchema,
  CaseAccessLog: caseAccessLogQuerySchema,
  AccessLog: accessLogQuerySchema,
  Import: importQuerySchema,
  ReportedFigures: reportedFiguresQuerySchema,
  ListPartners: listPartnersQuerySchema,
  ListTransfers: listTransfersQuerySchema,
} as const;
export type QuerySchemaName = keyof typeof querySchemas;
