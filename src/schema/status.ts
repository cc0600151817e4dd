/**
 * Status-aware strictness, expressed in the schema itself: while the plan's
 * Status field is one of `draftValues`, placeholders are warnings
 * (`x-severity: "warn"` on the `then` branch); otherwise they are errors.
 * The engine only honours `x-severity` along an error's schema path.
 */
type Json = Record<string, unknown>;

export function makeStatusAware(schema: Json, field = 'status', draftValues: string[] = ['draft']): Json {
  const props = { ...(schema['properties'] as Json) };
  // Keep what the generator allows (exemptions), only the severity changes with the status.
  const items = ((props['placeholders'] as Json | undefined)?.['items'] as unknown) ?? false;
  props['placeholders'] = { description: 'Placeholders: warnings while the plan is a draft, errors after.', type: 'array' };
  const draft: Json = {
    type: 'object',
    required: ['fields'],
    properties: {
      fields: {
        type: 'object',
        required: [field],
        properties: {
          [field]: {
            type: 'object',
            required: ['choice'],
            properties: { choice: draftValues.length === 1 ? { const: draftValues[0] } : { enum: draftValues } },
          },
        },
      },
    },
  };
  const rule = (severity: 'warn' | null): Json => ({
    type: 'object',
    properties: { placeholders: { ...(severity ? { 'x-severity': severity } : {}), type: 'array', items } },
  });
  const allOf = Array.isArray(schema['allOf']) ? [...(schema['allOf'] as Json[])] : [];
  allOf.push({ if: draft, then: rule('warn'), else: rule(null) });
  return { ...schema, properties: props, allOf };
}

/** The last `x-severity` annotation on the way down an ajv schema path ("#/allOf/0/then/..."). */
export function severityAlong(schema: unknown, schemaPath: string): 1 | 2 | undefined {
  let node: unknown = schema;
  let found: 1 | 2 | undefined;
  for (const raw of schemaPath.replace(/^#\/?/, '').split('/')) {
    if (node === null || typeof node !== 'object') break;
    const sev = (node as Json)['x-severity'];
    if (sev === 'warn') found = 1;
    else if (sev === 'error') found = 2;
    const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = Object.prototype.hasOwnProperty.call(node, seg) ? (node as Json)[seg] : undefined;
  }
  return found;
}
