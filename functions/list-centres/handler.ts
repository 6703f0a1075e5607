// GET /centres: the state's centres (operational and planned). No personal data.

import { centreStore } from '../lib/deps.ts';
import { httpHandler } from '../lib/http.ts';

export const handler = httpHandler({ route: 'list-centres' }, async () => {
  const centres = await centreStore().list();
  return { body: [...centres].sort((a, b) => a.centreId.localeCompare(b.centreId)) };
});
