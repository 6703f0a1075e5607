// SMS templates: one segment where the language allows, and a renderer that structurally cannot carry
// free text, whatever a survivor's name, phone or address is (property test).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '#shared/core/vocabulary.ts';
import {
  indianDate,
  renderSms,
  SLOT_WORDS,
  smsSegments,
  TEMPLATES,
  type TemplateName,
} from '#shared/notifications/sms.ts';

// Centre codes are three letters and the centre's number (PAT1, PAT2, ... up to two digits).
const LONGEST_CASE_NUMBER = 'PAT12/2026-27/99999';
const slotsFor = (t: TemplateName, lang: 'hi' | 'en'): string[] => {
  const longestWord = Object.values(SLOT_WORDS[lang]).sort((a, b) => b.length - a.length)[0];
  switch (t) {
    case 'followUpDue':
    case 'followUpOverdue':
    case 'followUpVisit':
      return [LONGEST_CASE_NUMBER, indianDate('2027-05-29')];
    case 'escalation':
      return [LONGEST_CASE_NUMBER, '3', longestWord];
    case 'referral':
      return [LONGEST_CASE_NUMBER, SLOT_WORDS[lang].HELPLINE_181];
  }
};

describe('SMS templates', () => {
  for (const t of Object.keys(TEMPLATES) as TemplateName[]) {
    for (const lang of LANGUAGES) {
      it(`${t} in ${lang} fits one SMS segment with its longest values`, () => {
        const text = renderSms(t, lang, slotsFor(t, lang));
        expect(smsSegments(text)).toBe(1);
        expect(Buffer.byteLength(text)).toBeLessThan(1600);
      });
    }
  }

  it('counts Hindi as 70-character segments and English as 160', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('क'.repeat(70))).toBe(1);
    expect(smsSegments('क'.repeat(71))).toBe(2);
  });

  it('never renders a survivor name, phone or address, whatever they are', () => {
    const personal = fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.stringMatching(/^\+91[6-9]\d{9}$/),
      fc.stringMatching(/^[A-Z][a-z]{2,12} [A-Z][a-z]{2,12}$/),
      fc.constantFrom('सीता देवी', 'House 12, Kankarbagh, Patna'),
    );
    fc.assert(
      fc.property(
        personal,
        fc.constantFrom(...(Object.keys(TEMPLATES) as TemplateName[])),
        fc.constantFrom(...LANGUAGES),
        fc.nat(3),
        (value, t, lang, slot) => {
          const slots = slotsFor(t, lang);
          slots[slot % slots.length] = value;
          let text: string | undefined;
          try {
            text = renderSms(t, lang, slots);
          } catch {
            return true; // refused: the value never reaches a message
          }
          // Only values of a safe shape (a case number, a date, a level or a fixed word) render at all.
          return (
            !text.includes(value) ||
            /^(?:[A-Z0-9]{2,8}\/\d{4}-\d{2}\/\d{5}|\d{2}\/\d{2}\/\d{4}|[1-9])$/.test(value) ||
            Object.values(SLOT_WORDS[lang]).includes(value)
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses a wrong number of values', () => {
    expect(() => renderSms('followUpDue', 'en', [LONGEST_CASE_NUMBER])).toThrow();
    expect(() => renderSms('followUpDue', 'en', [LONGEST_CASE_NUMBER, '01/01/2027', '3'])).toThrow();
  });
});
