// The largest valid request body of a schema, written in Hindi: every free-text field at its maximum length
// in Devanagari (three bytes a character in UTF-8, the worst case for a size limit), every list with all its
// values, the longest valid codes. Built from the schema's JSON Schema, so a text field added later is
// covered too; a new patterned field without a sample below fails loudly.
import { jsonSchemaOf } from '../../shared/core/openapi.ts';
import type { RequestSchemaName } from '../../shared/schemas.ts';

/** "Domestic violence against a woman": Devanagari letters and signs only, no spaces (all 3-byte). */
const HINDI = 'घरेलूहिंसामहिलाकेविरुद्धशिकायत';

/** The longest valid value of each patterned field, by its name. */
const SAMPLES: Record<string, string> = {
  centreId: `osc-${'a'.repeat(60)}`,
  phone: '+919812345678',
  date: '2026-11-20',
  reference: `H${'1'.repeat(63)}`,
};

type JsonSchema = Record<string, any>;

function fill(schema: JsonSchema, key: string): unknown {
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties as Record<string, JsonSchema>).map(([k, v]) => [k, fill(v, k)]),
      );
    case 'array':
      if (schema.items?.enum) return [...schema.items.enum].slice(0, schema.maxItems ?? schema.items.enum.length);
      throw new Error(`maximalBody: no rule for the list ${key}`);
    case 'string':
      if (schema.maxLength) return HINDI.repeat(Math.ceil(schema.maxLength / HINDI.length)).slice(0, schema.maxLength);
      if (key in SAMPLES) return SAMPLES[key];
      throw new Error(`maximalBody: add the longest valid ${key} to SAMPLES`);
    case 'integer':
    case 'number':
      return schema.maximum ?? 0;
    case 'boolean':
      return true;
    default:
      throw new Error(`maximalBody: no rule for ${key} (${JSON.stringify(schema).slice(0, 80)})`);
  }
}

export function maximalBody(name: RequestSchemaName): Record<string, any> {
  return fill(jsonSchemaOf(name), '(body)') as Record<string, any>;
}
