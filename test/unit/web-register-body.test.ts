// The intake form's draft as the API body (web/src/screens/register/case-body.ts): what a worker types,
// converted to the API's forms, passes the same CreateCase schema the API checks; what cannot be converted
// reaches the schema as typed, which names the problem at its field.
import { describe, expect, it } from 'vitest';
import { createCaseSchema } from '#shared/cases/schemas.ts';
import type { Draft } from '../../web/src/draft.ts';
import { check, problemText } from '../../web/src/field-errors.ts';
import { t } from '../../web/src/i18n.ts';
import { bodyOf, REGISTER_FIELDS, registerLabels } from '../../web/src/screens/register/case-body.ts';

const typed: Draft = {
  centreId: '',
  name: '  Sita Devi ',
  age: '24',
  phone: '98123 45678',
  safeToContact: true,
  district: 'Patna',
  address: '',
  categories: ['DOMESTIC_VIOLENCE'],
  date: '5/11/2026',
  relationship: 'HUSBAND',
  description: '',
  source: 'HELPLINE_181',
  reference: '181-2026-4411',
  services: ['COUNSELLING'],
  consentServices: true,
  shareWithPolice: false,
  contactByPhone: true,
  noticeLanguage: 'hi',
  risk: 'MEDIUM',
};

describe('the intake draft as the API body', () => {
  it('converts what a worker typed into the API’s forms, which the shared schema accepts', () => {
    // Act
    const checked = check(createCaseSchema, bodyOf(typed), REGISTER_FIELDS);

    // Assess
    expect(checked.ok).toBe(true);
    expect(checked.ok && checked.data).toMatchObject({
      survivor: { name: 'Sita Devi', age: 24, phone: '+919812345678', safeToContact: true, district: 'Patna' },
      incident: { categories: ['DOMESTIC_VIOLENCE'], date: '2026-11-05', perpetratorRelationship: 'HUSBAND' },
      referral: { source: 'HELPLINE_181', reference: '181-2026-4411' },
      servicesNeeded: ['COUNSELLING'],
      consent: { services: true, shareWithPolice: false, contactByPhone: true },
      riskLevel: 'MEDIUM',
      notice: { language: 'hi' },
    });
  });

  it('leaves out what was not filled in, rather than sending empty strings', () => {
    const body = bodyOf({ ...typed, phone: ' ', address: '  ', description: '', reference: '', relationship: '' });
    expect(body).toMatchObject({
      centreId: undefined,
      survivor: { phone: undefined, address: undefined },
      incident: { description: undefined, perpetratorRelationship: undefined },
      referral: { reference: undefined },
    });
  });

  it('sends what it cannot convert as typed, so the problem is named at its field', () => {
    // Act
    const checked = check(
      createCaseSchema,
      bodyOf({ ...typed, age: 'twenty', phone: '12345', date: '31/02/2026' }),
      REGISTER_FIELDS,
    );

    // Assess
    expect(checked.ok).toBe(false);
    const problems = checked.ok ? {} : checked.problems;
    expect(Object.keys(problems)).toEqual(['survivor.age', 'survivor.phone', 'incident.date']);
    expect(problemText(problems['survivor.age'])).toBe('Enter her age in whole years (0 to 120)');
    expect(problemText(problems['incident.date'])).toBe('Enter the date as DD/MM/YYYY, e.g. 20/11/2026');
  });

  it('has a label for every field, for the error summary', () => {
    const labels = registerLabels(t());
    expect(Object.keys(labels)).toEqual([...REGISTER_FIELDS]);
    expect(Object.values(labels).every((l) => l.trim().length > 0)).toBe(true);
  });
});
