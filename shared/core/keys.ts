// The one place that builds table keys. Keys carry ids, dates and codes only, never personal data.
export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  casePartition: (caseId: string) => `CASE#${caseId}`,
  event: (caseId: string, at: string, id: string) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${at}#${id}` }),
  /** Reads of a case: beside it, not in its partition, so reading a case never gets slower with its reads. */
  read: (caseId: string, at: string, id: string) => ({ pk: `READS#${caseId}`, sk: `${at}#${id}` }),
  service: (caseId: string, at: string, id: string) => ({ pk: `CASE#${caseId}`, sk: `SERVICE#${at}#${id}` }),
  followUp: (caseId: string, followUpId: string) => ({ pk: `CASE#${caseId}`, sk: `FOLLOWUP#${followUpId}` }),
  escalation: (caseId: string, escalationId: string) => ({ pk: `CASE#${caseId}`, sk: `ESCALATION#${escalationId}` }),
  /** A case document: in the case's partition, so it moves with the case (a transfer changes no key). */
  document: (caseId: string, documentId: string) => ({ pk: `CASE#${caseId}`, sk: `DOCUMENT#${documentId}` }),
  documentPrefix: () => 'DOCUMENT#',
  notification: (caseId: string, at: string, kind: string) => ({ pk: `CASE#${caseId}`, sk: `NOTIFY#${at}#${kind}` }),
  /** A link between two cases of one centre (the same woman): one item in each case's partition. */
  link: (caseId: string, linkedCaseId: string) => ({ pk: `CASE#${caseId}`, sk: `LINK#${linkedCaseId}` }),
  /**
   * Her earlier visits: a lookup item per case under a keyed hash (HMAC) of her phone or of her normalised
   * name, at her centre; never the phone or the name itself.
   */
  similar: (centreId: string, kind: 'PHONE' | 'NAME', hash: string, registeredAt: string, caseId: string) => ({
    pk: `SIMILAR#${centreId}#${kind}#${hash}`,
    sk: `${registeredAt}#${caseId}`,
  }),
  centre: (centreId: string) => ({ pk: `CENTRE#${centreId}`, sk: 'CENTRE' }),
  staff: (centreId: string, staffId: string) => ({ pk: `CENTRE#${centreId}`, sk: `STAFF#${staffId}` }),
  accountRequest: (centreId: string, at: string, id: string) => ({
    pk: `CENTRE#${centreId}`,
    sk: `ACCOUNT#${at}#${id}`,
  }),
  centrePartition: (centreId: string) => `CENTRE#${centreId}`,
  contact: (level: 'DISTRICT' | 'STATE', area: string, contactId: string) => ({
    pk: `CONTACT#${level}#${area}`,
    sk: `CONTACT#${contactId}`,
  }),
  counter: (fy: string, centreId: string, month: string) => ({ pk: `STATS#${fy}`, sk: `${centreId}#${month}` }),
  counterPartition: (fy: string) => `STATS#${fy}`,
  dailyCounter: (day: string, centreId: string) => ({ pk: `DAY#${day}`, sk: centreId }),
  dailyPartition: (day: string) => `DAY#${day}`,
  /** Escalation SMS one centre caused on one IST day (the daily cap's counter). */
  smsBudget: (day: string, centreId: string) => ({ pk: `SMSCAP#${day}`, sk: centreId }),
  openCases: (centreId: string) => ({ pk: 'OPEN', sk: centreId }),
  openPartition: () => 'OPEN',
  sequence: (centreId: string, fy: string) => ({ pk: `SEQ#${centreId}#${fy}`, sk: 'SEQ' }),
  /** Registrations waiting for their number at a centre (a burst), oldest first, and the numbering lease. */
  intakePending: (centreId: string, at: string, caseId: string) => ({
    pk: `INTAKE#${centreId}`,
    sk: `P#${at}#${caseId}`,
  }),
  intakePartition: (centreId: string) => `INTAKE#${centreId}`,
  intakeLease: (centreId: string) => ({ pk: `INTAKE#${centreId}`, sk: 'LEASE' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),
  /** A sign-in the state has disabled: its tokens are refused at once, whatever their expiry. */
  userRevoked: (username: string) => ({ pk: `USER#${username}`, sk: 'REVOKED' }),
  /** A request to the sign-in service (disable, enable) for a user who is not on a roster. */
  userAccountRequest: (username: string, at: string, id: string) => ({
    pk: `USER#${username}`,
    sk: `ACCOUNT#${at}#${id}`,
  }),
  userAudit: (day: string, at: string, id: string) => ({ pk: `AUDIT#${day}`, sk: `${at}#${id}` }),
  report: (kind: string, id: string) => ({ pk: `REPORT#${kind}`, sk: id }),
  /** A case imported from a centre's register, by its old register number (normalised): the import's marker. */
  importedCase: (centreId: string, registerNumber: string) => ({
    pk: `IMPORT#${centreId}`,
    sk: `REGISTER#${registerNumber}`,
  }),
  /** A staff member imported into a roster, by a hash of her phone (no phone number in a key). */
  importedStaff: (centreId: string, phoneHash: string) => ({ pk: `IMPORT#${centreId}`, sk: `STAFF#${phoneHash}` }),
  /** Figures of earlier years as the state reported them: one partition, far from the live counters. */
  reported: (fy: string, place: string, period: string) => ({ pk: 'REPORTED', sk: `${fy}#${place}#${period}` }),
  reportedPartition: () => 'REPORTED',
  /** The partner directory: one partition per district (its slug), read whole by the pickers. */
  partner: (districtSlug: string, partnerId: string) => ({
    pk: `PARTNERS#${districtSlug}`,
    sk: `PARTNER#${partnerId}`,
  }),
  partnerPartition: (districtSlug: string) => `PARTNERS#${districtSlug}`,
  /** An onward referral lives in the case's partition, so it moves with the case. */
  partnerReferral: (caseId: string, referralId: string) => ({ pk: `CASE#${caseId}`, sk: `PREFERRAL#${referralId}` }),
  /** A transfer between centres, found by its id (accept, decline, cancel name only the transfer). */
  transfer: (transferId: string) => ({ pk: `TRANSFER#${transferId}`, sk: 'TRANSFER' }),
  /** Its entry in the sending centre's outgoing queue (one item can sit in one queue only). */
  transferOutgoing: (transferId: string) => ({ pk: `TRANSFER#${transferId}`, sk: 'OUTGOING' }),
  /** Decided transfers, kept in each centre's partition, newest last, for its inbox. */
  transferLog: (centreId: string, direction: 'IN' | 'OUT', at: string, transferId: string) => ({
    pk: `CENTRE#${centreId}`,
    sk: `TRANSFERS#${direction}#${at}#${transferId}`,
  }),
  transferLogPrefix: (direction: 'IN' | 'OUT') => `TRANSFERS#${direction}#`,
  // index keys
  byCentre: (centreId: string) => `CENTRE#${centreId}`,
  byDistrict: (district: string) => `DISTRICT#${district}`,
  byState: (what: 'CASE' | 'CENTRE' | 'ESCALATION') => `STATE#${what}`,
  due: () => 'FOLLOWUP#PENDING',
  /** The queue (q1) of uploads still PENDING, by the end of their upload window. */
  uploadsDue: () => 'DUE#UPLOAD',
  uploadDueSort: (uploadExpiresAt: string, caseId: string, documentId: string) =>
    `${uploadExpiresAt}#${caseId}#${documentId}`,
  // ---- object keys in the documents bucket: ids only, never a file name (a name may name her)
  documentObject: (caseId: string, documentId: string) => `cases/${caseId}/${documentId}`,
  documentObjectPrefix: (caseId: string) => `cases/${caseId}/`,
  /** A terminal case waiting for anonymisation: one marker item in its partition, queued by the day it ended. */
  retentionMarker: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'RETENTION' }),
  retentionQueue: () => 'DUE#RETENTION',
  retentionSort: (endedOn: string, caseId: string) => `${endedOn}#${caseId}`,
  /** Every read a user made (case reads, lists, exports), for the breach query: by user id, then time. */
  actorReads: (userId: string) => `ACTOR#${userId}`,
  actorReadSort: (at: string, what: string) => `${at}#${what}`,
  dueSort: (dueDate: string, caseId: string, followUpId: string) => `${dueDate}#${caseId}#${followUpId}`,
  /** queue index: follow-ups already past due when their case was imported, waiting for staff to decide. */
  decisionQueue: (centreId: string) => `DECIDE#${centreId}`,
  /** Queue keys (the sparse `queue` index): transfers waiting at the receiving and the sending centre. */
  transferQueue: (direction: 'IN' | 'OUT', centreId: string) => `TRANSFER#${direction}#${centreId}`,
  transferQueueSort: (at: string, transferId: string) => `${at}#${transferId}`,
};
