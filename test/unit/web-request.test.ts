// The query strings the screens send (web/src/request.ts): empty choices left out, every value encoded, and
// a space as %20 (a district such as "West Champaran"), which every server reads as a space.
import { describe, expect, it } from 'vitest';
import { queryString } from '../../web/src/request.ts';

describe('query strings', () => {
  it('leaves out empty choices, and is empty when nothing is chosen', () => {
    expect(queryString({ fy: '2026-27', district: '', centreId: undefined })).toBe('?fy=2026-27');
    expect(queryString({ status: undefined, caseNumber: undefined })).toBe('');
  });

  it('encodes each value, keeping the order given (a cursor last)', () => {
    expect(queryString({ caseNumber: 'PAT1/2026-27/00042', cursor: 'eyJ+Lz0=' })).toBe(
      '?caseNumber=PAT1%2F2026-27%2F00042&cursor=eyJ%2BLz0%3D',
    );
    expect(queryString({ district: 'West Champaran' })).toBe('?district=West%20Champaran');
    expect(queryString({ district: 'Kaimur (Bhabua)' })).toBe('?district=Kaimur%20(Bhabua)');
  });
});
