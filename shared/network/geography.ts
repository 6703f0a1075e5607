// The state's geography and its centre network, from data (shared/data/<state>.json), so another state
// deploys the same code with its own file. Bihar is the default.
import bihar from '../data/bihar.json' with { type: 'json' };

export interface District {
  name: string;
  slug: string;
  division: string;
  headquarters: string;
  subdivisions: string[];
}

export interface CentreSeed {
  centreId: string;
  code: string;
  name: string;
  district: string;
  subdivision?: string;
  status: 'OPERATIONAL' | 'PLANNED' | 'CLOSED';
}

export const STATE_NAME: string = bihar.state;

export const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export const DISTRICTS: District[] = bihar.divisions.flatMap((div) =>
  div.districts.map((d) => ({
    name: d.name,
    slug: slug(d.name),
    division: div.name,
    headquarters: d.headquarters,
    subdivisions: d.subdivisions,
  })),
);

const byName = new Map(DISTRICTS.map((d) => [d.name.toLowerCase(), d]));
export const findDistrict = (name: string) => byName.get(name.trim().toLowerCase());

/**
 * A short, unique, upper-case code per district for case numbers (`PAT1/2026-27/00042`): the first three
 * letters, or, where two districts share them (Madhepura, Madhubani), the first two and a later letter.
 */
function districtCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  const taken = new Set<string>();
  for (const d of [...DISTRICTS].sort((a, b) => a.name.localeCompare(b.name))) {
    const letters = d.name.toUpperCase().replace(/[^A-Z]/g, '');
    let code = letters.slice(0, 3);
    for (let i = 3; taken.has(code) && i < letters.length; i++) code = letters.slice(0, 2) + letters[i];
    taken.add(code);
    codes.set(d.name, code);
  }
  return codes;
}

let codes: Map<string, string> | undefined;
/** The case-number code of a district (PAT for Patna). */
export function districtCode(district: string): string {
  codes ??= districtCodes();
  const code = codes.get(district);
  if (!code) throw new Error(`Unknown district ${district}`);
  return code;
}

/** The centres operating at go-live: one at each district headquarters, two in Patna. */
export function operatingCentres(): CentreSeed[] {
  const centres: CentreSeed[] = [];
  for (const d of DISTRICTS) {
    const count = d.name === 'Patna' ? 2 : 1;
    for (let n = 1; n <= count; n++) {
      centres.push({
        centreId: `osc-${d.slug}-${n}`,
        code: `${districtCode(d.name)}${n}`,
        name: `Sakhi One-Stop Centre, ${d.headquarters}${count > 1 ? ` ${n}` : ''}`,
        district: d.name,
        subdivision: d.subdivisions[0],
        status: 'OPERATIONAL',
      });
    }
  }
  return centres;
}
