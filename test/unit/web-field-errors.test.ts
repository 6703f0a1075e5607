// The form's field mapping (web/src/field-errors.ts): problems found in the browser by the shared zod schema
// and problems the API answers in `errors[]` land on the same fields with the same words, in English and
// Hindi, chosen by `code` and never taken from the API's English `message`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCaseSchema } from '#shared/cases/schemas.ts';
import { HttpError } from '#shared/core/errors.ts';
import { parseOrThrow } from '#shared/core/validation.ts';
import { check, fieldId, fromServer, type Problems, problemText } from '../../web/src/field-errors.ts';
import { setLanguage } from '../../web/src/i18n.ts';
import { REGISTER_FIELDS } from '../../web/src/screens/register/case-body.ts';

const valid = {
  survivor: { name: 'Sita', age: 24, safeToContact: false },
  incident: { categories: ['DOMESTIC_VIOLENCE'] },
  referral: { source: 'SELF' },
  servicesNeeded: [],
  consent: { services: true, shareWithPolice: false, contactByPhone: false },
  riskLevel: 'LOW',
};

/** What the API answers for the same body: its problem+json `errors[]`. */
function serverErrors(body: unknown) {
  try {
    parseOrThrow(createCaseSchema, body);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    return (err as HttpError).errors ?? [];
  }
  throw new Error('the API accepted the body');
}

const texts = (p: Problems) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, problemText(v)]));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('field errors in the form', () => {
  it('accepts a valid body and hands back the parsed data', () => {
    // Act
    const checked = check(createCaseSchema, valid, REGISTER_FIELDS);

    // Assess
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.data.survivor.name).toBe('Sita');
  });

  it('puts the browser’s and the API’s problems on the same fields, in the form’s order, with the same words', () => {
    // Prepare: a body with one problem in each of six fields.
    const body = {
      ...valid,
      survivor: { name: '', age: 24, phone: '+911234567890', safeToContact: true },
      incident: { categories: [], date: '2026-02-31' },
      referral: { source: 'NEIGHBOUR' },
      riskLevel: undefined,
    };

    // Act
    const checked = check(createCaseSchema, body, REGISTER_FIELDS);
    const fromApi = fromServer(serverErrors(body), REGISTER_FIELDS);

    // Assess
    expect(checked.ok).toBe(false);
    const inBrowser = checked.ok ? {} : checked.problems;
    expect(Object.keys(inBrowser)).toEqual([
      'survivor.name',
      'survivor.phone',
      'incident.categories',
      'incident.date',
      'referral.source',
      'riskLevel',
    ]);
    expect(Object.keys(fromApi)).toEqual(Object.keys(inBrowser));
    expect(texts(fromApi)).toEqual(texts(inBrowser));
    expect(texts(inBrowser)).toEqual({
      'survivor.name': 'This is required',
      'survivor.phone': 'Enter a 10-digit mobile number that starts with 6, 7, 8 or 9',
      'incident.categories': 'Choose at least one type of violence',
      'incident.date': 'Enter the date as DD/MM/YYYY, e.g. 20/11/2026',
      'referral.source': 'Choose who referred her',
      riskLevel: 'Choose the risk level',
    });
  });

  it('lands a problem inside a list on the list’s field', () => {
    // Act: the second category is not one of the options.
    const checked = check(
      createCaseSchema,
      { ...valid, incident: { categories: ['DOWRY', 'WITCHCRAFT'] } },
      REGISTER_FIELDS,
    );
    const fromApi = fromServer(
      [{ path: 'incident.categories.1', code: 'invalid_option', message: 'x' }],
      REGISTER_FIELDS,
    );

    // Assess
    expect(checked.ok ? [] : Object.keys(checked.problems)).toEqual(['incident.categories']);
    expect(Object.keys(fromApi)).toEqual(['incident.categories']);
    expect(problemText(fromApi['incident.categories'])).toBe('Choose one of the options');
  });

  it('names a limit the browser knows; the API’s answer, which carries none, says it without the number', () => {
    // Prepare
    const body = { ...valid, survivor: { ...valid.survivor, name: 'x'.repeat(121) } };

    // Act
    const checked = check(createCaseSchema, body, REGISTER_FIELDS);
    const fromApi = fromServer(serverErrors(body), REGISTER_FIELDS);

    // Assess: the same field and code either way.
    expect(checked.ok ? undefined : checked.problems['survivor.name']).toMatchObject({ code: 'too_long' });
    expect(fromApi['survivor.name']).toMatchObject({ code: 'too_long' });
    expect(checked.ok ? '' : problemText(checked.problems['survivor.name'])).toBe('Use at most 120 characters');
    expect(problemText(fromApi['survivor.name'])).toBe('This is too long');
  });

  it('keeps a problem no field matches under the API’s own path, and keeps only the first problem per field', () => {
    // Act
    const p = fromServer(
      [
        { path: 'header.Idempotency-Key', code: 'invalid_format', message: 'Has the wrong format' },
        { path: 'riskLevel', code: 'required', message: 'This field is required' },
        { path: 'riskLevel', code: 'invalid_option', message: 'Must be one of: LOW, MEDIUM, HIGH' },
      ],
      REGISTER_FIELDS,
    );

    // Assess: the form's field first, then what belongs to no field.
    expect(Object.keys(p)).toEqual(['riskLevel', 'header.Idempotency-Key']);
    expect(p.riskLevel.code).toBe('required');
    expect(problemText(p['header.Idempotency-Key'])).toBe('The form could not be sent; please reload the page');
  });

  it('words a code it does not know as "not valid", and an error without a code likewise', () => {
    const p = fromServer(
      [
        { path: 'note', code: 'brand_new_code', message: 'Something new' },
        { path: 'outcome', message: 'No code at all' },
      ],
      ['outcome', 'note'],
    );
    expect(texts(p)).toEqual({ outcome: 'This is not valid', note: 'This is not valid' });
  });

  it('says the same problems in Hindi after a language switch', () => {
    // Prepare: the switch sets <html lang>; a stand-in document is enough outside a browser.
    vi.stubGlobal('document', { documentElement: { lang: 'en' } });
    const body = { ...valid, survivor: { ...valid.survivor, phone: '12345' }, incident: { categories: [] } };
    const fromApi = fromServer(serverErrors(body), REGISTER_FIELDS);

    // Act
    setLanguage('hi');
    const hindi = texts(fromApi);
    setLanguage('en');

    // Assess
    expect(hindi).toEqual({
      'survivor.phone': '6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर लिखें',
      'incident.categories': 'हिंसा का कम से कम एक प्रकार चुनें',
    });
    expect(texts(fromApi)['incident.categories']).toBe('Choose at least one type of violence');
  });

  it('gives each field a DOM id its label, hint and error can point to', () => {
    expect(fieldId('survivor.name')).toBe('f-survivor-name');
    expect(fieldId('fu-1a2b-outcome')).toBe('f-fu-1a2b-outcome');
  });
});
