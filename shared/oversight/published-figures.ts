// The state's published figures of earlier years (DOMAIN.md, "Oversight"): seeded as reported figures where
// none is recorded yet, at every deploy (the seed-centres trigger) and in a new local data folder, so the
// oversight chart has last years to compare with from the first day. The state corrects or adds to them
// through POST /reported-figures (a seed never overwrites what the state recorded).
import type { ReportedFigure } from './reported.ts';

const SOURCE = 'Published state figures (WCDC Bihar)';

export const PUBLISHED_FIGURES: ReportedFigure[] = [
  { fy: '2021-22', level: 'STATE', registered: 5213, resolved: 4280, source: SOURCE },
  { fy: '2023-24', level: 'STATE', registered: 7517, resolved: 6599, source: SOURCE },
  { fy: '2024-25', level: 'STATE', registered: 8888, resolved: 7185, source: SOURCE },
  // Published part-way through the year: April 2025 to January 2026.
  { fy: '2025-26', level: 'STATE', registered: 7180, resolved: 6322, upToMonth: '2026-01', source: SOURCE },
];
