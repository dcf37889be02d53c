import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findShapeMismatch, SHAPES, type JsonSchema } from '../../src/api/response-shapes.js';

const SPEC_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), 'telnyx-porting.yaml');

/**
 * The tool's response shapes (src/api/response-shapes.ts) against the spec copy: every field a
 * shape requires exists in the spec component its `title` names, with a compatible type. A shape
 * that required a field Telnyx never sends would make every real answer "unusable".
 */
type Json = Record<string, unknown>;
const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
const components = ((spec.components as Json).schemas ?? {}) as Record<string, Json>;

function resolve(schema: Json): Json {
  const ref = schema.$ref;
  if (typeof ref === 'string') return resolve(components[ref.replace('#/components/schemas/', '')] ?? {});
  return schema;
}

/**
 * Every property the spec declares for a component, through $ref and allOf; for a oneOf (the event
 * unions, by event_type), the properties every option declares.
 */
function specProperties(schema: Json): Record<string, Json> {
  const resolved = resolve(schema);
  const own = (resolved.properties ?? {}) as Record<string, Json>;
  const parts = (resolved.allOf ?? []) as Json[];
  const options = ((resolved.oneOf ?? []) as Json[]).map(specProperties);
  const common = options.length === 0 ? {} : Object.fromEntries(Object.entries(options[0] ?? {}).filter(([name]) => options.every((option) => name in option)));
  return Object.assign({}, common, ...parts.map(specProperties), own) as Record<string, Json>;
}

/** JSON types a spec property allows (an untyped $ref or allOf counts as an object). */
function specTypes(property: Json): Set<string> {
  const resolved = resolve(property);
  const types = new Set<string>();
  for (const option of [...((resolved.anyOf ?? []) as Json[]), ...((resolved.oneOf ?? []) as Json[])]) for (const t of specTypes(option)) types.add(t);
  const declared = resolved.type;
  if (typeof declared === 'string') types.add(declared);
  else if (Array.isArray(declared)) for (const t of declared) types.add(String(t));
  else if (resolved.allOf !== undefined || resolved.properties !== undefined) types.add('object');
  if (resolved.nullable === true) types.add('null');
  if (types.has('integer')) types.add('number');
  return types;
}

/** Every titled object schema inside a shape, with its path for messages. */
function titledObjects(schema: JsonSchema, where: string): Array<{ where: string; schema: JsonSchema }> {
  const found: Array<{ where: string; schema: JsonSchema }> = [];
  if (typeof schema.title === 'string') found.push({ where, schema });
  for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) found.push(...titledObjects(value, `${where}.${key}`));
  if (schema.items !== undefined) found.push(...titledObjects(schema.items as JsonSchema, `${where}[]`));
  return found;
}

describe('response shapes', () => {
  it('every field a shape requires exists in the spec component it names, with a compatible type', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [name, shape] of Object.entries(SHAPES)) {
      if (shape.kind !== 'json') continue;
      for (const { where, schema } of titledObjects(shape.schema, name)) {
        const component = components[schema.title as string];
        if (component === undefined) {
          // Port-out comments and documents are SDK-only: not in the trimmed spec, and not titled.
          problems.push(`${where}: no component ${String(schema.title)} in the spec`);
          continue;
        }
        const properties = specProperties(component);
        for (const field of (schema.required ?? []) as string[]) {
          checked += 1;
          const declared = properties[field];
          if (declared === undefined) {
            problems.push(`${where}.${field}: not a property of ${String(schema.title)} in the spec`);
            continue;
          }
          const ours = ((schema.properties as Record<string, JsonSchema>)[field]?.type ?? []) as string | string[];
          const allowed = new Set(Array.isArray(ours) ? ours : [ours]);
          const theirs = specTypes(declared);
          const overlap = [...theirs].filter((t) => allowed.has(t) || (t === 'integer' && allowed.has('number')));
          if (overlap.length === 0) problems.push(`${where}.${field}: the spec says ${[...theirs].join('|')}, the shape wants ${[...allowed].join('|')}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('every shape compiles, and refuses {} and null', async () => {
    for (const shape of Object.values(SHAPES)) {
      if (shape.kind !== 'json' || shape === SHAPES.deleted || shape === SHAPES.codesSent) continue;
      expect(await findShapeMismatch(shape, {}), shape.name).toBeDefined();
      expect(await findShapeMismatch(shape, null), shape.name).toBe('expected a JSON object, got null');
    }
  });
});
