// GET /centres: the state's centres (operational and planned). No personal data.
import { httpHandler } from '../lib/http.ts';
import { deps } from '../lib/deps.ts';

export const handler = httpHandler('list-centres', async () => {
  const centres = await deps().centres.list();
  return { body: [...centres].sort((a, b) => a.centreId.localeCompare(b.centreId)) };
});
