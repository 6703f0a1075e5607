// GET /centres: the state's centres (operational and planned). No personal data.

import { NETWORK_ROUTES } from '#shared/network/routes.ts';
import { centreStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'list-centres', routes: NETWORK_ROUTES }, async () => {
  const centres = await centreStore().list();
  return { body: [...centres].sort((a, b) => a.centreId.localeCompare(b.centreId)) };
});
