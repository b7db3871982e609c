// Checks every server event the stand-in sends against OpenAI's own published client schemas: the parser of
// @openai/agents-realtime (the schemas its transports validate server events with).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';

type Schemas = { realtimeServerEventSchema: z.ZodDiscriminatedUnion<z.ZodObject[]> };
const entry = createRequire(import.meta.url).resolve('@openai/agents-realtime');
// The schemas are not among the package's exports; they sit beside its entry.
const { realtimeServerEventSchema } = (await import(
  pathToFileURL(join(dirname(entry), 'openaiRealtimeEvents.mjs')).href
)) as Schemas;
const knownToAgents = new Set(
  realtimeServerEventSchema.options.map((option) => (option.shape.type as z.ZodLiteral<string>).value),
);

// GA events in OpenAI's published types (the `openai` package) that the Agents SDK's parser does not list yet.
const fromOpenAiTypes: Record<string, z.ZodType> = {
  'input_audio_buffer.timeout_triggered': z.object({
    type: z.string(),
    event_id: z.string(),
    item_id: z.string(),
    audio_start_ms: z.number(),
    audio_end_ms: z.number(),
  }),
  'response.mcp_call.failed': z.object({
    type: z.string(),
    event_id: z.string(),
    item_id: z.string(),
    output_index: z.number(),
  }),
};

export interface Mismatch {
  type: string;
  problem: string;
}

/** A running tally of checked events and the ones OpenAI's schemas refuse. */
export class Conformance {
  events = 0;
  readonly mismatches: Mismatch[] = [];

  check(event: Record<string, unknown>): void {
    this.events++;
    const type = String(event.type);
    const schema = knownToAgents.has(type) ? realtimeServerEventSchema : fromOpenAiTypes[type];
    if (!schema) return void this.mismatches.push({ type, problem: 'a type neither OpenAI’s types nor its SDK know' });
    const parsed = schema.safeParse(event);
    if (!parsed.success)
      this.mismatches.push({
        type,
        problem: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
  }

  summary(): { events: number; mismatches: number; examples: Mismatch[] } {
    return { events: this.events, mismatches: this.mismatches.length, examples: this.mismatches.slice(0, 20) };
  }
}
