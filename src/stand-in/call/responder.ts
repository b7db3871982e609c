import type { SessionConfig } from './session-config.js';

/** Replies are scripted and say plainly that they come from the stand-in, never a model. */
export const reply = {
  toText: (text: string): string => `This is the local stand-in, not a real model. You wrote: ${text.slice(0, 300)}`,
  toSpeech: (ms: number): string =>
    `This is the local stand-in. I heard you speak for ${(ms / 1000).toFixed(1)} seconds.`,
  toToolOutput: (name: string, output: string): string =>
    `This is the local stand-in. The tool ${name} returned: ${output.slice(0, 300)}`,
  toDenial: (): string => 'This is the local stand-in. The tool call was not approved, so I did not run it.',
  greeting: (): string => 'This is the local stand-in for the Realtime API. Type or speak, and I will answer.',
  toInstructions: (instructions: string): string =>
    `This is the local stand-in. I was asked to: ${instructions.slice(0, 300)}`,
};

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  default?: unknown;
  examples?: unknown[];
};

/** A value that fits a JSON Schema: enough for a tool handler to run with (const, enum, default, example, then by type). */
export function sampleFor(schema: Schema | undefined): unknown {
  if (!schema || typeof schema !== 'object') return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return 'stand-in';
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return schema.items ? [sampleFor(schema.items)] : [];
    case 'null':
      return null;
    default:
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, value]) => [key, sampleFor(value)]));
  }
}

/** The first function tool whose name the user's message mentions. */
export function toolNamedIn(text: string, session: SessionConfig): { name: string; parameters?: unknown } | undefined {
  const lower = text.toLowerCase();
  return session.tools.find((tool) => tool.type === 'function' && lower.includes(tool.name.toLowerCase())) as
    { name: string; parameters?: unknown } | undefined;
}
