// The intake form's draft as the API body, and the form's fields by API path. Kept apart from the screen so
// the conversion (typed dates as DD/MM/YYYY, phone numbers as people type them, an age typed as digits) can be
// tested on its own: the shared CreateCase schema then checks the result, in the browser and in the API.

import type { Draft } from '../../draft.ts';
import { normalisePhone, parseTypedDate } from '../../format.ts';
import type { Messages } from '../../i18n.ts';

/** The form's fields by API path, in the order they appear. */
export const REGISTER_FIELDS = [
  'centreId',
  'survivor.name',
  'survivor.age',
  'survivor.phone',
  'survivor.safeToContact',
  'survivor.district',
  'survivor.address',
  'incident.categories',
  'incident.date',
  'incident.perpetratorRelationship',
  'incident.description',
  'referral.source',
  'referral.reference',
  'servicesNeeded',
  'consent.services',
  'consent.shareWithPolice',
  'consent.contactByPhone',
  'notice.language',
  'riskLevel',
] as const;

const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());

function parseAge(s: string): unknown {
  const v = s.trim();
  if (v === '') return undefined;
  // Digits become a number; anything else goes to the schema as typed, which names it an invalid age.
  return /^\d{1,3}$/.test(v) ? Number(v) : v;
}

/** The draft as the API body (unknown until the shared schema has checked it). */
export function bodyOf(d: Draft): unknown {
  return {
    centreId: opt(d.centreId),
    survivor: {
      name: d.name.trim(),
      age: parseAge(d.age),
      phone: normalisePhone(d.phone),
      safeToContact: d.safeToContact,
      district: opt(d.district),
      address: opt(d.address),
    },
    incident: {
      categories: d.categories,
      date: parseTypedDate(d.date),
      perpetratorRelationship: opt(d.relationship),
      description: opt(d.description),
    },
    referral: { source: opt(d.source), reference: opt(d.reference) },
    servicesNeeded: d.services,
    consent: { services: d.consentServices, shareWithPolice: d.shareWithPolice, contactByPhone: d.contactByPhone },
    riskLevel: opt(d.risk),
    notice: d.noticeLanguage ? { language: d.noticeLanguage } : undefined,
  };
}

/** The label of each field, for the error summary. */
export function registerLabels(m: Messages): Record<string, string> {
  return {
    centreId: m.centreToRegister,
    'survivor.name': m.survivorName,
    'survivor.age': m.survivorAge,
    'survivor.phone': m.survivorPhone,
    'survivor.safeToContact': m.safeToContact,
    'survivor.district': m.survivorDistrict,
    'survivor.address': m.survivorAddress,
    'incident.categories': m.categories,
    'incident.date': m.incidentDate,
    'incident.perpetratorRelationship': m.relationship,
    'incident.description': m.description,
    'referral.source': m.referralSource,
    'referral.reference': m.referralReference,
    servicesNeeded: m.servicesNeeded,
    'consent.services': m.consentServices,
    'consent.shareWithPolice': m.consentPolice,
    'consent.contactByPhone': m.consentPhone,
    'notice.language': m.noticeGivenIn,
    riskLevel: m.riskLevel,
  };
}
