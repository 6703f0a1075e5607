// The correction form's values as the API body (web/src/screens/case/correction-body.ts): only what differs
// from the case is sent, a cleared optional detail is null (taken off the case), and the shared CorrectCase
// schema accepts the result; the API's "nothing changed" problem is worded in both languages.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { correctCaseSchema } from '#shared/cases/schemas.ts';
import { problemText } from '../../web/src/field-errors.ts';
import { setLanguage, t } from '../../web/src/i18n.ts';
import { correctionBody, initialOf } from '../../web/src/screens/case/correction-body.ts';

const survivor = {
  name: 'Sunita Kumari',
  age: 29,
  phone: '+919812345678',
  safeToContact: false,
  district: 'Patna',
  address: 'House 4',
};

describe('the correction body', () => {
  it('sends nothing of the survivor when the fields still hold what the case has', () => {
    // Prepare
    const values = { ...initialOf(survivor), reason: ' Checked ' };
    // Act
    const body = correctionBody(survivor, values);
    // Assess
    expect(body).toEqual({ survivor: {}, reason: 'Checked' });
    expect(values['survivor.phone']).toBe('9812345678');
  });

  it('sends only the changed details, the phone as the API wants it, and null for a cleared one', () => {
    const values = {
      ...initialOf(survivor),
      'survivor.phone': '98765 43210',
      'survivor.address': '  ',
      'survivor.age': '31',
      'survivor.safeToContact': true,
      reason: 'New safe number',
    };
    const body = correctionBody(survivor, values);
    expect(body.survivor).toEqual({ phone: '+919876543210', address: null, age: 31, safeToContact: true });
    expect(correctCaseSchema.safeParse(body).success).toBe(true);
  });

  it('passes what cannot be converted to the schema as typed, which refuses it at its field', () => {
    const body = correctionBody(survivor, { ...initialOf(survivor), 'survivor.age': 'thirty', reason: 'x' });
    const result = correctCaseSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['survivor', 'age']);
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('words the API answer "nothing changed" in English and Hindi', () => {
    // The language switch sets <html lang>: a stand-in for the page's document.
    vi.stubGlobal('document', { documentElement: { lang: 'en' } });
    for (const lang of ['en', 'hi'] as const) {
      setLanguage(lang);
      const text = problemText({ path: 'survivor', code: 'unchanged', limits: {} });
      expect(text).toBe(t().caseworkFieldErrors['survivor:unchanged']);
      expect(text).not.toBe(t().errors.invalid());
    }
    expect(t().caseworkFieldErrors['survivor:unchanged']).toMatch(/कुछ नहीं बदला/);
    setLanguage('en');
  });
});
