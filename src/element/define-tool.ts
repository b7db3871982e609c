import type { Tool, ToolCall } from '../core/index.js';

/** The part of JSON Schema a tool's `parameters` use, enough to infer the arguments' type from a literal. */
export type JsonSchema = {
  readonly type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | undefined;
  readonly description?: string | undefined;
  readonly enum?: readonly unknown[] | undefined;
  readonly const?: unknown;
  readonly properties?: { readonly [name: string]: JsonSchema } | undefined;
  readonly required?: readonly string[] | undefined;
  readonly items?: JsonSchema | undefined;
  readonly [keyword: string]: unknown;
};

type Flatten<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<S> = S extends { readonly required: readonly (infer R)[] } ? R : never;
type ObjectOf<P, R> = Flatten<
  { -readonly [K in keyof P as K extends R ? K : never]: SchemaType<P[K]> } & {
    -readonly [K in keyof P as K extends R ? never : K]?: SchemaType<P[K]>;
  }
>;

/** The TypeScript type of the values a JSON Schema literal describes (`enum`, `const`, primitives, arrays, objects). */
export type SchemaType<S> = S extends { readonly enum: readonly (infer E)[] }
  ? E
  : S extends { readonly const: infer C }
    ? C
    : S extends { readonly type: 'string' }
      ? string
      : S extends { readonly type: 'number' | 'integer' }
        ? number
        : S extends { readonly type: 'boolean' }
          ? boolean
          : S extends { readonly type: 'null' }
            ? null
            : S extends { readonly type: 'array'; readonly items: infer I }
              ? SchemaType<I>[]
              : S extends { readonly properties: infer P }
                ? ObjectOf<P, RequiredKeys<S>>
                : S extends { readonly type: 'object' }
                  ? Record<string, unknown>
                  : unknown;

/** A page tool whose handler's arguments are typed from its `parameters`. */
export interface TypedTool<S extends JsonSchema> {
  name: string;
  description?: string | undefined;
  parameters: S;
  /** Receives the parsed arguments; its result (any JSON value, or a string) goes back to the model. */
  handler?: ((args: SchemaType<S>, call: ToolCall) => unknown) | undefined;
}

/**
 * A tool for `tools`, its handler's arguments typed from the schema literal (no `as const` needed): with
 * `parameters: {type: 'object', properties: {q: {type: 'string'}}, required: ['q']}` the handler gets `{q: string}`.
 * The types say what the schema asks of the model; the element checks only that the arguments are JSON.
 */
export function defineTool<const S extends JsonSchema>(tool: TypedTool<S>): Tool {
  const { handler, ...declaration } = tool;
  if (!handler) return declaration;
  return { ...declaration, handler: (args, call) => handler(args as SchemaType<S>, call) };
}
