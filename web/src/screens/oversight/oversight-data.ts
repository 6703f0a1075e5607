// The rows the oversight tables show, from GET /stats and the list of centres. At the state level every
// district of the geography file is a row, and every operating centre in scope: a place with nothing counted
// this year is a row of zeros, not a missing row (a missing row reads as "no data", zeros as "no cases").
import { DISTRICTS } from '../../../../shared/network/geography.ts';
import type { Messages } from '../../i18n.ts';
import type { Column } from '../../table.ts';
import type { Cell, Centre, StatsResult } from '../../types.ts';

export type DistrictRow = StatsResult['byDistrict'][number];
export type CentreRow = StatsResult['byCentre'][number] & { name: string };
export type MonthRow = StatsResult['byMonth'][number];
export type OpenEscalation = StatsResult['escalations']['openNow'][number];
/** A labelled count: one row of a two-column table. */
export type Pair = [string, Cell | undefined];

/** What every panel of the page is given: the figures, the centres' names, and the CSV file name maker. */
export interface PanelProps {
  stats: StatsResult;
  centres: Centre[];
  csv: (what: string) => string;
}

export function districtRows(stats: StatsResult): DistrictRow[] {
  if (stats.scope.district || stats.scope.centreId) return stats.byDistrict;
  const have = new Set(stats.byDistrict.map((d) => d.district));
  const zeros = DISTRICTS.filter((d) => !have.has(d.name)).map((d) => ({
    district: d.name,
    registered: 0,
    resolved: 0,
    openNow: 0,
    pendingOver30Days: 0,
    followUpsMissed: 0,
    escalationsUnacknowledged: 0,
  }));
  return [...stats.byDistrict, ...zeros].sort((a, b) => a.district.localeCompare(b.district));
}

export function centreRows(stats: StatsResult, centres: Centre[]): CentreRow[] {
  const name = (id: string) => centres.find((c) => c.centreId === id)?.name ?? id;
  const rows: CentreRow[] = stats.byCentre.map((c) => ({ ...c, name: name(c.centreId) }));
  const have = new Set(rows.map((r) => r.centreId));
  for (const c of centres) {
    if (have.has(c.centreId) || c.status !== 'OPERATIONAL') continue;
    if (
      stats.scope.centreId
        ? c.centreId !== stats.scope.centreId
        : stats.scope.district && c.district !== stats.scope.district
    )
      continue;
    rows.push({
      centreId: c.centreId,
      district: c.district,
      name: c.name,
      registered: 0,
      resolved: 0,
      openNow: 0,
      followUpsMissed: 0,
      escalationsUnacknowledged: 0,
    });
  }
  return rows;
}

/** Whose figures these are, in words: a centre, a district, or the whole state. */
export function scopeText(m: Messages, stats: StatsResult, centres: Centre[]): string {
  if (stats.scope.centreId) {
    // Its name, never its id (the names may not have arrived, or failed: then a plain word).
    const name = centres.find((c) => c.centreId === stats.scope.centreId)?.name;
    return name ? m.scopeCentre(name) : m.scopeCentrePlain;
  }
  if (stats.scope.district) return m.scopeDistrict(stats.scope.district);
  return m.scopeState;
}

/** A column of counts. */
export const countColumn = <R>(key: string, label: string, pick: (r: R) => Cell | undefined): Column<R> => ({
  key,
  label,
  value: pick,
  numeric: true,
});
