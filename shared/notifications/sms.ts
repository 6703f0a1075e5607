// SMS in India: every message must match a template registered on the regulator's DLT platform, so the text
// here is fixed and only the {#var#} slots vary. Variables are limited to case numbers, dates, levels and
// reason codes: never a survivor's name, phone, address or what happened to her.
import type { Language } from '../core/vocabulary.ts';

export const TEMPLATES = {
  followUpDue: {
    en: 'Sakhi OSC: follow-up for case {#var#} is due on {#var#}. Please contact and record the outcome.',
    hi: 'सखी: केस {#var#} का फॉलो-अप {#var#} को, नतीजा दर्ज करें',
  },
  followUpOverdue: {
    en: 'Sakhi OSC: follow-up for case {#var#} was due on {#var#} and is not recorded. Please do it today.',
    hi: 'सखी: केस {#var#} का फॉलो-अप {#var#} से बाकी, आज करें',
  },
  escalation: {
    en: 'Sakhi OSC: case {#var#} escalated to you (level {#var#}, {#var#}). Please acknowledge in the system.',
    hi: 'सखी केस {#var#} स्तर {#var#}: {#var#} स्वीकारें',
  },
  referral: {
    en: 'Sakhi OSC: new referral, case {#var#}, from {#var#}. Please act within the hour.',
    hi: 'सखी: नया रेफ़रल केस {#var#} ({#var#}), एक घंटे में देखें',
  },
  // Instead of followUpDue / followUpOverdue when she has not agreed to phone calls (consent.contactByPhone
  // false): a call could be answered by the person she is hiding from. Said without reason or person.
  followUpVisit: {
    en: 'Sakhi OSC: follow-up for case {#var#} (due {#var#}): meet in person, do not phone. Record the outcome.',
    hi: 'सखी: केस {#var#} फॉलो-अप {#var#} मिलकर करें, फ़ोन नहीं',
  },
} as const satisfies Record<string, Record<Language, string>>;

export type TemplateName = keyof typeof TEMPLATES;

/** Words that go into slots, per language (reason codes and sources, never free text). */
export const SLOT_WORDS: Record<Language, Record<string, string>> = {
  en: {
    COUNSELLING_INSUFFICIENT: 'counselling not enough',
    HIGH_RISK: 'high risk',
    FOLLOW_UP_MISSED: 'follow-up missed',
    OTHER: 'other',
    HELPLINE_181: '181',
    ERSS_112: '112',
  },
  hi: {
    COUNSELLING_INSUFFICIENT: 'परामर्श अपर्याप्त',
    HIGH_RISK: 'उच्च जोखिम',
    FOLLOW_UP_MISSED: 'फॉलो-अप छूटा',
    OTHER: 'अन्य',
    HELPLINE_181: '181',
    ERSS_112: '112',
  },
};

/** A calendar date as the workers read it: DD/MM/YYYY. */
export const indianDate = (isoDate: string) => `${isoDate.slice(8, 10)}/${isoDate.slice(5, 7)}/${isoDate.slice(0, 4)}`;

/** Slots may only hold these shapes: a case number, a date, a level, or one of the fixed words above. */
const SAFE_SLOT = /^(?:[A-Z0-9]{2,8}\/\d{4}-\d{2}\/\d{5}|\d{2}\/\d{2}\/\d{4}|[1-9])$/;

export function renderSms(template: TemplateName, language: Language, slots: string[]): string {
  const words = new Set(Object.values(SLOT_WORDS[language]));
  let i = 0;
  const text = TEMPLATES[template][language].replace(/\{#var#\}/g, () => {
    const value = slots[i++];
    if (value === undefined) throw new Error(`Template ${template} needs more values`);
    if (!SAFE_SLOT.test(value) && !words.has(value))
      throw new Error(`Value for slot ${i} of ${template} is not an allowed shape`);
    return value;
  });
  if (i !== slots.length) throw new Error(`Template ${template} takes ${i} values, got ${slots.length}`);
  return text;
}

/** GSM-7 text fits 160 characters a segment; anything else (Devanagari) is UCS-2 and fits 70. */
export function smsSegments(text: string): number {
  const gsm = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r]*$/.test(text);
  const chars = [...text].length;
  if (gsm) return chars <= 160 ? 1 : Math.ceil(chars / 153);
  return chars <= 70 ? 1 : Math.ceil(chars / 67);
}

export interface SmsSettings {
  senderId: string;
  entityId: string;
  /** DLT template id per `<template>.<language>`. */
  templateIds: Record<string, string>;
}

/** The message attributes SNS needs for an Indian transactional SMS. */
export function smsAttributes(
  settings: SmsSettings,
  template: TemplateName,
  language: Language,
): Record<string, string> {
  return {
    'AWS.SNS.SMS.SMSType': 'Transactional',
    'AWS.SNS.SMS.SenderID': settings.senderId,
    'AWS.MM.SMS.EntityId': settings.entityId,
    'AWS.MM.SMS.TemplateId': settings.templateIds[`${template}.${language}`] ?? '0000000000000000000',
  };
}

export interface SmsMessage {
  to: string;
  template: TemplateName;
  language: Language;
  slots: string[];
}

/** The notifier port: SNS in AWS, an outbox table locally. */
export interface Notifier {
  send(message: SmsMessage): Promise<void>;
}
