// Checks every client event the stand-in receives against JSON Schemas generated from the `openai` package's
// published types (scripts/generate-client-schema.mjs), not against the stand-in's own copy of them.
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { clientEventSchema } from '../../scripts/generate-client-schema.mjs';

type Definition = { properties?: Record<string, object>; required?: string[] };
type Exception = { definition: string; property: string; allow: 'null' | 'absent'; reason: string };

/**
 * Where the published types are stricter than the service (their own doc comments, or OpenAI's own SDK, say so):
 * test/oracles/client-schema-exceptions.json, each with its reason. One that no longer applies fails the suite.
 */
function withExceptions(schema: { definitions: Record<string, Definition> }) {
  const exceptions = JSON.parse(readFileSync('test/oracles/client-schema-exceptions.json', 'utf8')) as Exception[];
  for (const { definition, property, allow } of exceptions) {
    const target = schema.definitions[definition];
    const field = target?.properties?.[property];
    const nullable = JSON.stringify(field ?? null).includes('"null"');
    const applies = allow === 'absent' ? target?.required?.includes(property) : field && !nullable;
    if (!applies) throw new Error(`client-schema-exceptions.json: ${definition}.${property} needs no exception now`);
    if (allow === 'absent') target.required = target.required!.filter((name) => name !== property);
    else target.properties![property] = { anyOf: [field, { type: 'null' }] };
  }
  return schema;
}

const schema = withExceptions(clientEventSchema());
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(schema, 'client');
/** One validator per event type, from the union's members (`type` is each one's constant). */
const validators = new Map<string, ValidateFunction>();
for (const { $ref } of (schema.definitions.RealtimeClientEvent as { anyOf: { $ref: string }[] }).anyOf) {
  const name = $ref.replace('#/definitions/', '');
  const type = (schema.definitions[name] as { properties: { type: { const: string } } }).properties.type.const;
  validators.set(type, ajv.getSchema(`client${$ref}`)!);
}

/** A union member tried and not meant: its `type` or `role` differs (or it is a nullable's null). */
const untried = (e: ErrorObject) =>
  (['const', 'enum'].includes(e.keyword) && /\/(type|role)$/.test(e.instancePath)) || e.params.type === 'null';
const depth = (e: ErrorObject) => e.instancePath.split('/').length;
const named = (e: ErrorObject) => (e.keyword === 'additionalProperties' ? ` '${e.params.additionalProperty}'` : '');

/** Ajv's errors in a line: those of the union member the event meant, or else the deepest ones, each said once. */
function describe(all: ErrorObject[]): string {
  const errors = all.filter((e) => e.keyword !== 'anyOf');
  const meant = errors.filter((e) => !untried(e));
  const deepest = errors.filter((e) => depth(e) === Math.max(...errors.map(depth)));
  const said = (meant.length ? meant : deepest).map((e) => `${e.instancePath || '/'} ${e.message}${named(e)}`);
  return [...new Set(said)].slice(0, 4).join('; ');
}

export interface ClientViolation {
  type: string;
  problem: string;
  /** The event's first characters: which member of a union it meant is plain to a reader. */
  event: string;
}

/** What `.cache/client-events-{suite}.json` holds (scripts/test.mjs prints it). */
export interface ClientEventTally {
  events: number;
  violations: number;
  examples: ClientViolation[];
  /** Refused by the stand-in too: see {@link ClientEventOracle.summary}. */
  probes: number;
  probeExamples: ClientViolation[];
}

/** A running tally of client events checked, and the ones OpenAI's types refuse. */
export class ClientEventOracle {
  events = 0;
  #rejected: (ClientViolation & { at: string })[] = [];
  /** `call/event_id` of each client event the stand-in answered with an `error`. */
  #refusedByStandIn = new Set<string>();

  check(event: unknown, callId: string): void {
    this.events++;
    const { type, event_id: id } = (event ?? {}) as { type?: unknown; event_id?: unknown };
    const validate = typeof type === 'string' ? validators.get(type) : undefined;
    if (validate?.(event)) return;
    const problem = validate ? describe(validate.errors ?? []) : 'a type OpenAI’s types do not list';
    const sample = (JSON.stringify(event) ?? String(event)).slice(0, 300);
    this.#rejected.push({ type: String(type), problem, event: sample, at: `${callId}/${String(id)}` });
  }

  /** The stand-in sent a server event on `callId`: an `error` names the client event it refused. */
  answered(event: Record<string, unknown>, callId: string): void {
    const eventId = event.type === 'error' ? (event.error as { event_id?: unknown } | undefined)?.event_id : undefined;
    if (typeof eventId === 'string') this.#refusedByStandIn.add(`${callId}/${eventId}`);
  }

  // An event both OpenAI's types and the stand-in refuse is a probe a test sent on purpose (e.g. a beta field in
  // session.update), or a bug its test already sees as an error: the drift only this oracle finds is what the
  // stand-in lets through and the published types refuse, so only that counts as a violation.
  summary(): ClientEventTally {
    const probe = (v: { at: string }) => this.#refusedByStandIn.has(v.at);
    const strip = ({ type, problem, event }: ClientViolation) => ({ type, problem, event });
    const violations = this.#rejected.filter((v) => !probe(v));
    const probes = this.#rejected.filter(probe);
    return {
      events: this.events,
      violations: violations.length,
      examples: violations.slice(0, 20).map(strip),
      probes: probes.length,
      probeExamples: probes.slice(0, 10).map(strip),
    };
  }
}
