// Who reads what: the caller's own area, narrowed by a query that names a centre or a district. Outside her
// scope the answer is "nothing" (the list is empty, the figures 404), never another centre's or district's.
import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/core/principal.ts';
import { areaFor, mayReadReportOf, reportDistrictFor } from '#shared/core/scope.ts';

const CENTRES: Record<string, { centreId: string; district: string }> = {
  'osc-patna-1': { centreId: 'osc-patna-1', district: 'Patna' },
  'osc-patna-2': { centreId: 'osc-patna-2', district: 'Patna' },
  'osc-gaya-1': { centreId: 'osc-gaya-1', district: 'Gaya' },
};
const centreOf = async (id: string) => CENTRES[id];
const who = (role: Principal['role'], extra: Partial<Principal> = {}): Principal => ({
  userId: `u-${role}`,
  username: role,
  role,
  ...extra,
});
const staff = who('centre-staff', { centreId: 'osc-patna-1' });
const officer = who('district-officer', { district: 'Patna' });
const state = who('state-admin');

describe('scope rules', () => {
  it('keeps centre roles to their centre whatever they ask for', async () => {
    expect(await areaFor(staff, {}, centreOf)).toEqual({ kind: 'centre', centreId: 'osc-patna-1', district: 'Patna' });
    expect(await areaFor(staff, { centreId: 'osc-patna-1' }, centreOf)).toMatchObject({ centreId: 'osc-patna-1' });
    expect(await areaFor(staff, { centreId: 'osc-gaya-1' }, centreOf)).toBeUndefined();
    expect(await areaFor(staff, { district: 'Gaya' }, centreOf)).toBeUndefined();
    expect(await areaFor(staff, { district: 'Patna' }, centreOf)).toMatchObject({ kind: 'centre' });
  });

  it('keeps a district officer to her district, and lets her narrow to one of its centres', async () => {
    expect(await areaFor(officer, {}, centreOf)).toEqual({ kind: 'district', district: 'Patna' });
    expect(await areaFor(officer, { centreId: 'osc-patna-2' }, centreOf)).toEqual({
      kind: 'centre',
      centreId: 'osc-patna-2',
      district: 'Patna',
    });
    expect(await areaFor(officer, { centreId: 'osc-gaya-1' }, centreOf)).toBeUndefined();
    expect(await areaFor(officer, { district: 'Gaya' }, centreOf)).toBeUndefined();
    expect(await areaFor(officer, { centreId: 'osc-nowhere-1' }, centreOf)).toBeUndefined();
  });

  it('lets the state read anything, narrowed consistently', async () => {
    expect(await areaFor(state, {}, centreOf)).toEqual({ kind: 'state' });
    expect(await areaFor(state, { district: 'Gaya' }, centreOf)).toEqual({ kind: 'district', district: 'Gaya' });
    expect(await areaFor(state, { centreId: 'osc-gaya-1', district: 'Patna' }, centreOf)).toBeUndefined();
    expect(await areaFor(state, { centreId: 'osc-nowhere-1' }, centreOf)).toBeUndefined();
  });

  it('gives the helpline no area at all', async () => {
    expect(await areaFor(who('helpline'), {}, centreOf)).toBeUndefined();
  });

  it('keeps a district officer to her district’s reports', () => {
    expect(reportDistrictFor(officer, 'Gaya')).toBe('Patna');
    expect(reportDistrictFor(state, 'Gaya')).toBe('Gaya');
    expect(mayReadReportOf(officer, 'Gaya')).toBe(false);
    expect(mayReadReportOf(officer, 'Patna')).toBe(true);
    expect(mayReadReportOf(state, 'Gaya')).toBe(true);
  });
});
