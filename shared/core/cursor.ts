// Page cursors of lists: the last key of a page, opaque to the client. A cursor is accepted only for the list
// it came from: the same index partition, and nothing but that index's keys as short strings.
import { badRequest } from './errors.ts';

const invalid = () =>
  badRequest('The cursor is not valid', [{ path: 'query.cursor', code: 'invalid', message: 'Is not valid' }]);

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The key a cursor names, checked against the list it is used on: `partition` is the index's partition key
 * attribute and the value it must have, `keyNames` every attribute the list's last keys carry.
 */
export function decodeCursor(
  cursor: string | undefined,
  partition: { name: string; value: string },
  keyNames: readonly string[],
): Record<string, string> | undefined {
  if (!cursor) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const allowed = new Set(keyNames);
  const complete = keyNames.every((k) => k in parsed);
  const wellFormed = entries.every(
    ([k, v]) => allowed.has(k) && typeof v === 'string' && v.length > 0 && v.length <= 512,
  );
  if (!complete || !wellFormed || (parsed as Record<string, string>)[partition.name] !== partition.value)
    throw invalid();
  return parsed as Record<string, string>;
}
