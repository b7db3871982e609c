/** The most tools a page may declare in its key request; more is not a page's set. */
export const MAX_PAGE_TOOLS = 32;

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

export interface PageTool {
  type: 'function';
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The function tools a key request declares (`{"tools": [...]}` from the element), checked one by one: anything that
 * is not a plain function declaration is left out. A page could declare these itself with `session.update`; taking
 * them here lets them sit beside the host's tools, which an update from the page would replace whole.
 */
export function pageTools(body: unknown): PageTool[] {
  const tools = isObject(body) && Array.isArray(body.tools) ? body.tools.slice(0, MAX_PAGE_TOOLS) : [];
  return tools.flatMap((tool): PageTool[] => {
    // The element sends its tools as the page declared them: a function unless they say otherwise.
    if (
      !isObject(tool) ||
      (tool.type ?? 'function') !== 'function' ||
      typeof tool.name !== 'string' ||
      !NAME.test(tool.name)
    )
      return [];
    if (tool.description !== undefined && (typeof tool.description !== 'string' || tool.description.length > 1024))
      return [];
    if (tool.parameters !== undefined && !isObject(tool.parameters)) return [];
    const { name, description, parameters } = tool;
    return [
      {
        type: 'function',
        name,
        ...(description !== undefined && { description }),
        ...(parameters !== undefined && { parameters }),
      },
    ];
  });
}

/** The host's session with the page's tools beside its own; the host's win a name clash. */
export function withPageTools(session: Record<string, unknown>, tools: readonly PageTool[]): Record<string, unknown> {
  if (!tools.length) return session;
  const own = Array.isArray(session.tools) ? (session.tools as { name?: unknown }[]) : [];
  const taken = new Set(own.map((tool) => tool?.name));
  return { ...session, tools: [...own, ...tools.filter((tool) => !taken.has(tool.name))] };
}
