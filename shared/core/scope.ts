// Scope rules in one place: which part of the state a caller may read. A centre role reads her centre, a
// district officer her district, the state everything. Asking for something outside it reads as "not
// found" (cases and statistics alike), so nobody learns what exists beyond her scope.
import { notFound } from './errors.ts';
import { isCentreRole, ownCentre, ownDistrict, type Principal } from './principal.ts';

export interface AreaQuery {
  centreId?: string;
  district?: string;
}

/** A centre and its district, as the scope rules need them. */
export interface CentreArea {
  centreId: string;
  district: string;
}

export type Area =
  | { kind: 'centre'; centreId: string; district?: string }
  | { kind: 'district'; district: string }
  | { kind: 'state' };

/**
 * The area a caller reads for a query that may name a centre or a district: the caller's own scope,
 * narrowed by the query. Undefined when the query names something outside her scope (the caller answers 404
 * or an empty list). `centreOf` looks a centre up (cached).
 */
export async function areaFor(
  caller: Principal,
  q: AreaQuery,
  centreOf: (centreId: string) => Promise<CentreArea | undefined>,
): Promise<Area | undefined> {
  if (isCentreRole(caller)) {
    const own = ownCentre(caller);
    if (q.centreId && q.centreId !== own) return undefined;
    if (q.district) {
      const c = await centreOf(own);
      if (c?.district !== q.district) return undefined;
    }
    return { kind: 'centre', centreId: own, district: (await centreOf(own))?.district };
  }
  if (caller.role === 'district-officer') {
    const district = ownDistrict(caller);
    if (q.district && q.district !== district) return undefined;
    if (q.centreId) {
      const c = await centreOf(q.centreId);
      return c && c.district === district ? { kind: 'centre', centreId: c.centreId, district } : undefined;
    }
    return { kind: 'district', district };
  }
  if (caller.role === 'state-admin') {
    if (q.centreId) {
      const c = await centreOf(q.centreId);
      if (!c || (q.district && c.district !== q.district)) return undefined;
      return { kind: 'centre', centreId: c.centreId, district: c.district };
    }
    if (q.district) return { kind: 'district', district: q.district };
    return { kind: 'state' };
  }
  return undefined;
}

/** The same, for reads that answer 404 outside the caller's scope. */
export async function areaOrNotFound(
  caller: Principal,
  q: AreaQuery,
  centreOf: (centreId: string) => Promise<CentreArea | undefined>,
): Promise<Area> {
  const area = await areaFor(caller, q, centreOf);
  if (!area) throw notFound();
  return area;
}

/** Reports: the weekly review is the state's; a district officer reads her district's monthly reports only. */
export function reportDistrictFor(caller: Principal, asked: string | undefined): string | undefined {
  return caller.role === 'district-officer' ? ownDistrict(caller) : asked;
}

export const mayReadReportOf = (caller: Principal, reportDistrict: string | undefined): boolean =>
  caller.role !== 'district-officer' || reportDistrict === caller.district;
