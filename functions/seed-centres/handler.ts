// Seeds the state's operating centres from the geography file, and its published figures of earlier years
// (shared/oversight/published-figures.ts) as reported figures. Runs after every deploy (a CDK Trigger) and at
// local start; a centre or figure that already exists is left as the state last set it.

import { istTimestamp } from '#shared/core/time.ts';
import { seedCentre } from '#shared/network/centre-store.ts';
import { operatingCentres } from '#shared/network/geography.ts';
import { PUBLISHED_FIGURES } from '#shared/oversight/published-figures.ts';
import { docClient, reportedFigures, tableName } from '../lib/deps.ts';
import { logger } from '../lib/observability.ts';

export async function seedCentres(): Promise<{ created: number; total: number; figures: number }> {
  const centres = operatingCentres();
  const results = await Promise.all(centres.map((c) => seedCentre(docClient(), tableName(), c)));
  const figures = await reportedFigures().seed(PUBLISHED_FIGURES, istTimestamp(new Date()));
  return { created: results.filter(Boolean).length, total: centres.length, figures };
}

export const handler = async () => {
  const result = await seedCentres();
  logger.info('centres and published figures seeded', result);
  return result;
};
