// The one place that builds table keys. Keys carry ids, dates and codes only, never personal data.
export const caseKey = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' });
export const casePartition = (caseId: string) => `CASE#${caseId}`;
export const event = (caseId: string, at: string, id: string) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${at}#${id}` });
/** Reads of a case: beside it, not in its partition, so reading a case never gets slower with its reads. */
export const read = (caseId: string, at: string, id: string) => ({ pk: `READS#${caseId}`, sk: `${at}#${id}` });
export const service = (caseId: string, at: string, id: string) => ({
  pk: `CASE#${caseId}`,
  sk: `SERVICE#${at}#${id}`,
});
export const followUp = (caseId: string, followUpId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `FOLLOWUP#${followUpId}`,
});
export const escalation = (caseId: string, escalationId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `ESCALATION#${escalationId}`,
});
export const milestone = (caseId: string, milestoneId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `MILESTONE#${milestoneId}`,
});
export const shelterStay = (caseId: string, stayId: string) => ({ pk: `CASE#${caseId}`, sk: `STAY#${stayId}` });
/** A case document: in the case's partition, so it moves with the case (a transfer changes no key). */
export const document = (caseId: string, documentId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `DOCUMENT#${documentId}`,
});
export const documentPrefix = () => 'DOCUMENT#';
export const notification = (caseId: string, at: string, kind: string) => ({
  pk: `CASE#${caseId}`,
  sk: `NOTIFY#${at}#${kind}`,
});
/** A link between two cases of one centre (the same woman): one item in each case's partition. */
export const link = (caseId: string, linkedCaseId: string) => ({ pk: `CASE#${caseId}`, sk: `LINK#${linkedCaseId}` });
/**
 * Her earlier visits: a lookup item per case under a keyed hash (HMAC) of her phone or of her normalised
 * name, at her centre; never the phone or the name itself.
 */
export const similar = (
  centreId: string,
  kind: 'PHONE' | 'NAME',
  hash: string,
  registeredAt: string,
  caseId: string,
) => ({
  pk: `SIMILAR#${centreId}#${kind}#${hash}`,
  sk: `${registeredAt}#${caseId}`,
});
export const centre = (centreId: string) => ({ pk: `CENTRE#${centreId}`, sk: 'CENTRE' });
export const staff = (centreId: string, staffId: string) => ({ pk: `CENTRE#${centreId}`, sk: `STAFF#${staffId}` });
export const accountRequest = (centreId: string, at: string, id: string) => ({
  pk: `CENTRE#${centreId}`,
  sk: `ACCOUNT#${at}#${id}`,
});
export const centrePartition = (centreId: string) => `CENTRE#${centreId}`;
export const contact = (level: 'DISTRICT' | 'STATE', area: string, contactId: string) => ({
  pk: `CONTACT#${level}#${area}`,
  sk: `CONTACT#${contactId}`,
});
export const counter = (fy: string, centreId: string, month: string) => ({
  pk: `STATS#${fy}`,
  sk: `${centreId}#${month}`,
});
export const counterPartition = (fy: string) => `STATS#${fy}`;
export const dailyCounter = (day: string, centreId: string) => ({ pk: `DAY#${day}`, sk: centreId });
export const dailyPartition = (day: string) => `DAY#${day}`;
/** Escalation SMS one centre caused on one IST day (the daily cap's counter). */
export const smsBudget = (day: string, centreId: string) => ({ pk: `SMSCAP#${day}`, sk: centreId });
export const openCases = (centreId: string) => ({ pk: 'OPEN', sk: centreId });
export const openPartition = () => 'OPEN';
/** Who is in a centre's shelter now (women, children with them, overdue stays): one item per centre. */
export const occupancy = (centreId: string) => ({ pk: 'SHELTER', sk: centreId });
export const occupancyPartition = () => 'SHELTER';
export const sequence = (centreId: string, fy: string) => ({ pk: `SEQ#${centreId}#${fy}`, sk: 'SEQ' });
/** Registrations waiting for their number at a centre (a burst), oldest first, and the numbering lease. */
export const intakePending = (centreId: string, at: string, caseId: string) => ({
  pk: `INTAKE#${centreId}`,
  sk: `P#${at}#${caseId}`,
});
export const intakePartition = (centreId: string) => `INTAKE#${centreId}`;
export const intakeLease = (centreId: string) => ({ pk: `INTAKE#${centreId}`, sk: 'LEASE' });
export const idempotency = (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' });
/** A sign-in the state has disabled: its tokens are refused at once, whatever their expiry. */
export const userRevoked = (username: string) => ({ pk: `USER#${username}`, sk: 'REVOKED' });
/** A request to the sign-in service (disable, enable) for a user who is not on a roster. */
export const userAccountRequest = (username: string, at: string, id: string) => ({
  pk: `USER#${username}`,
  sk: `ACCOUNT#${at}#${id}`,
});
export const userAudit = (day: string, at: string, id: string) => ({ pk: `AUDIT#${day}`, sk: `${at}#${id}` });
export const report = (kind: string, id: string) => ({ pk: `REPORT#${kind}`, sk: id });
/** A case imported from a centre's register, by its old register number (normalised): the import's marker. */
export const importedCase = (centreId: string, registerNumber: string) => ({
  pk: `IMPORT#${centreId}`,
  sk: `REGISTER#${registerNumber}`,
});
/** A staff member imported into a roster, by a hash of her phone (no phone number in a key). */
export const importedStaff = (centreId: string, phoneHash: string) => ({
  pk: `IMPORT#${centreId}`,
  sk: `STAFF#${phoneHash}`,
});
/** Figures of earlier years as the state reported them: one partition, far from the live counters. */
export const reported = (fy: string, place: string, period: string) => ({
  pk: 'REPORTED',
  sk: `${fy}#${place}#${period}`,
});
export const reportedPartition = () => 'REPORTED';
/** The partner directory: one partition per district (its slug), read whole by the pickers. */
export const partner = (districtSlug: string, partnerId: string) => ({
  pk: `PARTNERS#${districtSlug}`,
  sk: `PARTNER#${partnerId}`,
});
export const partnerPartition = (districtSlug: string) => `PARTNERS#${districtSlug}`;
/** An onward referral lives in the case's partition, so it moves with the case. */
export const partnerReferral = (caseId: string, referralId: string) => ({
  pk: `CASE#${caseId}`,
  sk: `PREFERRAL#${referralId}`,
});
/** A transfer between centres, found by its id (accept, decline, cancel name only the transfer). */
export const transfer = (transferId: string) => ({ pk: `TRANSFER#${transferId}`, sk: 'TRANSFER' });
/** Its entry in the sending centre's outgoing queue (one item can sit in one queue only). */
export const transferOutgoing = (transferId: string) => ({ pk: `TRANSFER#${transferId}`, sk: 'OUTGOING' });
/** Decided transfers, kept in each centre's partition, newest last, for its inbox. */
export const transferLog = (centreId: string, direction: 'IN' | 'OUT', at: string, transferId: string) => ({
  pk: `CENTRE#${centreId}`,
  sk: `TRANSFERS#${direction}#${at}#${transferId}`,
});
export const transferLogPrefix = (direction: 'IN' | 'OUT') => `TRANSFERS#${direction}#`;
// index keys
export const byCentre = (centreId: string) => `CENTRE#${centreId}`;
export const byDistrict = (district: string) => `DISTRICT#${district}`;
export const byState = (what: 'CASE' | 'CENTRE' | 'ESCALATION') => `STATE#${what}`;
export const due = () => 'FOLLOWUP#PENDING';
/** The queue (q1) of uploads still PENDING, by the end of their upload window. */
export const uploadsDue = () => 'DUE#UPLOAD';
export const uploadDueSort = (uploadExpiresAt: string, caseId: string, documentId: string) =>
  `${uploadExpiresAt}#${caseId}#${documentId}`;
// ---- object keys in the documents bucket: ids only, never a file name (a name may name her)
export const documentObject = (caseId: string, documentId: string) => `cases/${caseId}/${documentId}`;
export const documentObjectPrefix = (caseId: string) => `cases/${caseId}/`;
/** A terminal case waiting for anonymisation: one marker item in its partition, queued by the day it ended. */
export const retentionMarker = (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'RETENTION' });
export const retentionQueue = () => 'DUE#RETENTION';
export const retentionSort = (endedOn: string, caseId: string) => `${endedOn}#${caseId}`;
/** Every read a user made (case reads, lists, exports), for the breach query: by user id, then time. */
export const actorReads = (userId: string) => `ACTOR#${userId}`;
export const actorReadSort = (at: string, what: string) => `${at}#${what}`;
export const dueSort = (dueDate: string, caseId: string, followUpId: string) => `${dueDate}#${caseId}#${followUpId}`;
/** queue index: follow-ups already past due when their case was imported, waiting for staff to decide. */
export const decisionQueue = (centreId: string) => `DECIDE#${centreId}`;
/** Queue keys (the sparse `queue` index): transfers waiting at the receiving and the sending centre. */
export const transferQueue = (direction: 'IN' | 'OUT', centreId: string) => `TRANSFER#${direction}#${centreId}`;
export const transferQueueSort = (at: string, transferId: string) => `${at}#${transferId}`;
// the sparse `queue` index (q1pk names the queue, q1sk orders it): an item is there only while queued
/** DUE milestones by due time, for the deadline check. */
export const dueMilestones = () => 'DUE#MILESTONE';
export const dueMilestoneSort = (dueAt: string, caseId: string, milestoneId: string) =>
  `${dueAt}#${caseId}#${milestoneId}`;
/** OVERDUE milestones by district, then due time: the oversight list, until each is done. */
export const overdueMilestones = () => 'OVERDUE#MILESTONE';
export const overdueMilestoneSort = (district: string, dueAt: string, caseId: string, milestoneId: string) =>
  `${district}#${dueAt}#${caseId}#${milestoneId}`;
/** Reminders to send (a court hearing the day before), by when. */
export const dueReminders = () => 'DUE#REMINDER';
export const dueReminderSort = (remindAt: string, caseId: string, milestoneId: string) =>
  `${remindAt}#${caseId}#${milestoneId}`;
/** Open shelter stays by due-out date, until discharged or marked overdue. */
export const dueStays = () => 'DUE#SHELTER';
export const dueStaySort = (dueOutDate: string, caseId: string, stayId: string) => `${dueOutDate}#${caseId}#${stayId}`;

/** `keys.case(...)`: `case` is a reserved word, so the binding has another name. */
export { caseKey as case };
