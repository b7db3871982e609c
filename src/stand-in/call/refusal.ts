import type * as z from 'zod';

/** A refusal in the service's words: `error.code`, a readable message, and the parameter it names. */
export class ConfigError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly param: string | null,
  ) {
    super(message);
  }
}

const quoted = (values: readonly unknown[]) => values.map((v) => `'${String(v)}'`).join(', ');

/** The value at `path` inside `data` (what the client actually sent there). */
const at = (data: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined),
    data,
  );

/** The first zod issue of a client's input, said the way the service says it (`unknown_parameter`, `invalid_value`, …). */
export function refusal(issue: z.core.$ZodIssue, root: string, data: unknown): ConfigError {
  const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
  const value = at(data, issue.path);
  if (value === undefined && issue.code !== 'unrecognized_keys')
    return new ConfigError('missing_required_parameter', `Missing required parameter: '${path}'.`, path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const param = path ? `${path}.${issue.keys[0]}` : String(issue.keys[0]);
      return new ConfigError('unknown_parameter', `Unknown parameter: '${param}'.`, param);
    }
    case 'invalid_type':
      return new ConfigError('invalid_type', `Invalid type for '${path}': expected ${issue.expected}.`, path);
    case 'invalid_value':
      return new ConfigError(
        'invalid_value',
        `Invalid value: '${String(value)}'. Supported values are: ${quoted(issue.values)}.`,
        path,
      );
    case 'invalid_union': {
      // A value that fits none of the forms: name the allowed values when one form is a list of them (voices).
      const values =
        'options' in issue && Array.isArray(issue.options)
          ? issue.options
          : issue.errors?.flat().find((nested) => nested.code === 'invalid_value')?.values;
      return values
        ? new ConfigError(
            'invalid_value',
            `Invalid value: '${String(value)}'. Supported values are: ${quoted(values)}.`,
            path,
          )
        : new ConfigError('invalid_value', `Invalid value for '${path}'.`, path);
    }
    case 'too_small':
      return new ConfigError(
        `${Number.isInteger(issue.minimum) ? 'integer' : 'decimal'}_below_min_value`,
        `Invalid '${path}': ${String(value)} is below the minimum of ${issue.minimum}.`,
        path,
      );
    case 'too_big':
      return new ConfigError(
        `${Number.isInteger(issue.maximum) ? 'integer' : 'decimal'}_above_max_value`,
        `Invalid '${path}': ${String(value)} is above the maximum of ${issue.maximum}.`,
        path,
      );
    default:
      return new ConfigError('invalid_value', `Invalid value for '${path}'.`, path);
  }
}
