// Seeds the state's operating centres from the geography file. Runs after every deploy (a CDK Trigger) and
// at local start; a centre that already exists is left as the state last set it.

import { operatingCentres } from '#shared/network/geography.ts';
import { centreStore } from '../lib/deps.ts';
import { logger } from '../lib/observability.ts';

export async function seedCentres(): Promise<{ created: number; total: number }> {
  const centres = operatingCentres();
  const results = await Promise.all(centres.map((c) => centreStore().seedCentre(c)));
  return { created: results.filter(Boolean).length, total: centres.length };
}

export const handler = async () => {
  const result = await seedCentres();
  logger.info('centres seeded', result);
  return result;
};
