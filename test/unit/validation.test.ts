import { describe, expect, it } from 'vitest';
import { createCaseSchema } from '#shared/cases/schemas.ts';
import { HttpError } from '#shared/core/errors.ts';
import { parseOrThrow } from '#shared/core/validation.ts';

const valid = {
  survivor: { name: 'A', age: 17, safeToContact: true },
  incident: { categories: ['CHILD_MARRIAGE'] },
  referral: { source: 'HELPLINE_181', reference: '181-2026-000123' },
  servicesNeeded: [],
  consent: { services: true, shareWithPolice: false, contactByPhone: false },
  riskLevel: 'MEDIUM',
};

function errorsOf(input: unknown) {
  try {
    parseOrThrow(createCaseSchema, input);
  } catch (err) {
    expect(err).toBeInstanceOf(HttpError);
    return (err as HttpError).errors!;
  }
  throw new Error('expected a validation error');
}

describe('request validation', () => {
  it('accepts a minor (the scheme serves girls under 18) and a helpline reference', () => {
    expect(parseOrThrow(createCaseSchema, valid).survivor.age).toBe(17);
  });

  it('names every bad field with a stable code, including unknown fields at any depth', () => {
    const errors = errorsOf({
      ...valid,
      survivor: { ...valid.survivor, phone: '+911234567890', colour: 'red' },
      incident: { categories: ['RAPE', 'RAPE'] },
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'survivor.phone', code: 'invalid_format' }),
        expect.objectContaining({ path: 'survivor.colour', code: 'unknown_field' }),
        expect.objectContaining({ path: 'incident.categories', code: 'invalid' }),
      ]),
    );
  });

  it('reports a missing object as required, by its path', () => {
    const { consent: _c, ...rest } = valid;
    expect(errorsOf(rest)).toEqual([expect.objectContaining({ path: 'consent', code: 'required' })]);
  });
});
