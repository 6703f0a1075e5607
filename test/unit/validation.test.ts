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

describe('free text', () => {
  // Zero-width space, joiners, word joiner, BOM, bidi marks, combining marks with no letter, Hangul filler.
  const INVISIBLE = ['\u200B', '\u200C\u200D', '\u2060', '\uFEFF', ' \u200E\u200F ', '\u0301\u0302', '\u3164'];

  it('made only of invisible characters is "required", on every text field of the case', () => {
    for (const blank of INVISIBLE) {
      const errors = errorsOf({
        ...valid,
        survivor: { ...valid.survivor, name: blank, district: blank, address: blank },
        incident: { ...valid.incident, description: blank },
      });
      const paths = ['survivor.name', 'survivor.district', 'survivor.address', 'incident.description'];
      expect(errors, JSON.stringify(blank)).toEqual(
        paths.map((path) => expect.objectContaining({ path, code: 'required' })),
      );
    }
  });

  it('keeps Hindi (its vowel signs are combining marks) and a name with a joiner inside', () => {
    for (const name of ['सीता देवी', 'क्‍ष', 'Ánh']) {
      expect(parseOrThrow(createCaseSchema, { ...valid, survivor: { ...valid.survivor, name } }).survivor.name).toBe(
        name,
      );
    }
  });
});

describe('every string field of every request schema', () => {
  type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; innerType?: { _zod: { def: Def } } };
  /** Dotted paths of every string leaf of a schema (objects and optionals walked). */
  function stringPaths(def: Def, prefix: string[] = []): string[][] {
    if (def.type === 'optional' && def.innerType) return stringPaths(def.innerType._zod.def, prefix);
    if (def.type === 'object' && def.shape) {
      return Object.entries(def.shape).flatMap(([k, v]) => stringPaths(v._zod.def, [...prefix, k]));
    }
    return def.type === 'string' ? [prefix] : [];
  }
  const nest = (path: string[], value: unknown): unknown =>
    path.length ? { [path[0]]: nest(path.slice(1), value) } : value;

  it('refuses a value of zero-width spaces at that field', async () => {
    const { requestSchemas } = await import('#shared/schemas.ts');
    let checked = 0;
    for (const [name, schema] of Object.entries(requestSchemas)) {
      for (const path of stringPaths((schema as unknown as { _zod: { def: Def } })._zod.def)) {
        const result = schema.safeParse(nest(path, '\u200B\u200B'));
        const at = (result.error?.issues ?? []).map((i) => i.path.join('.'));
        expect(at, `${name} ${path.join('.')}`).toContain(path.join('.'));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});
