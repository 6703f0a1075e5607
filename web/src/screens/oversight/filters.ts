// What the figures are of: a financial year (this one and the four before it), and, for roles above a
// centre, a district (the state only) and a centre. The API narrows every role to its own scope whatever is
// asked; the form offers only the choices that mean something for the role.
import { h } from 'preact';
import { financialYear } from '../../../../shared/core/time.ts';
import { DISTRICTS } from '../../../../shared/network/geography.ts';
import type { Problems } from '../../field-errors.ts';
import { t } from '../../i18n.ts';
import { isCentreRole } from '../../permissions.ts';
import type { Centre } from '../../types.ts';
import { Button, type El, SelectField } from '../../ui.ts';

export type Filter = { fy: string; district: string; centreId: string };
/** The filter's fields by API path (GET /stats query), in the order they appear. */
export const FILTER_FIELDS = ['fy', 'district', 'centreId'] as const;

/** The current financial year in Indian time, whatever the computer's own zone. */
export const currentFy = () => financialYear(new Date());

/** This year and the four before it. */
export function fyOptions(now = currentFy()): string[] {
  const start = Number(now.slice(0, 4));
  return Array.from({ length: 5 }, (_, i) => `${start - i}-${String((start - i + 1) % 100).padStart(2, '0')}`);
}

export function FilterForm(p: {
  filter: Filter;
  onFilter: (f: Filter) => void;
  onSubmit: () => void;
  /** A district officer's own district: her centres are the choices. */
  ownDistrict?: string;
  isState: boolean;
  role: Parameters<typeof isCentreRole>[0];
  centres: Centre[];
  problems: Problems;
  busy: boolean;
}): El {
  const m = t();
  const { filter, onFilter, problems } = p;
  const pickCentre = !isCentreRole(p.role);
  const district = p.isState ? filter.district : (p.ownDistrict ?? '');
  const centreOptions = p.centres
    .filter((c) => !district || c.district === district)
    .map((c) => ({ value: c.centreId, label: district ? c.name : `${c.name} (${c.district})` }));
  const current = currentFy();
  return h(
    'form',
    {
      class: 'filters no-print',
      noValidate: true,
      'aria-label': m.showFigures,
      onSubmit: (e: Event) => {
        e.preventDefault();
        p.onSubmit();
      },
    },
    h(SelectField, {
      path: 'fy',
      label: m.financialYear,
      options: fyOptions(current).map((fy) => ({ value: fy, label: m.fyOption(fy, fy === current) })),
      value: filter.fy,
      onValue: (fy) => onFilter({ ...filter, fy }),
      problem: problems.fy,
    }),
    p.isState
      ? h(SelectField, {
          path: 'district',
          label: m.districtFilter,
          placeholder: m.allDistricts,
          options: DISTRICTS.map((d) => ({ value: d.name, label: d.name })),
          value: filter.district,
          onValue: (d) => onFilter({ ...filter, district: d, centreId: '' }),
          problem: problems.district,
        })
      : null,
    pickCentre
      ? h(SelectField, {
          path: 'centreId',
          label: m.centreFilter,
          placeholder: m.allCentres,
          options: centreOptions,
          value: filter.centreId,
          onValue: (c) => onFilter({ ...filter, centreId: c }),
          problem: problems.centreId,
        })
      : null,
    h('div', { class: 'actions' }, h(Button, { type: 'submit', busy: p.busy, id: 'show-figures' }, m.showFigures)),
  );
}
