import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defineTool } from '../../src/element/define-tool.js';
import type { ToolCall } from '../../src/core/index.js';

describe('defineTool', () => {
  const parameters = {
    type: 'object',
    properties: {
      theme: { enum: ['light', 'dark'] },
      times: { type: 'integer' },
      tags: { type: 'array', items: { type: 'string' } },
    },
    required: ['theme'],
  } as const;

  it('types the handler’s arguments from the schema and passes the call through unchanged', async () => {
    const call: ToolCall = {
      name: 'set_theme',
      callId: 'call_1',
      arguments: { theme: 'dark' },
      rawArguments: '{"theme":"dark"}',
    };
    const tool = defineTool({
      name: 'set_theme',
      parameters,
      handler: ({ theme, times, tags }, seen) => {
        const required: 'light' | 'dark' = theme;
        // @ts-expect-error `times` is not required, so it may be undefined
        const count: number = times;
        const list: string[] | undefined = tags;
        return { required, count, list, same: seen === call };
      },
    });
    assert.deepEqual(tool.parameters, parameters);
    assert.deepEqual(await tool.handler!(call.arguments, call), {
      required: 'dark',
      count: undefined,
      list: undefined,
      same: true,
    });
  });

  it('leaves a tool without a handler without one (the page answers `rvc-tool-call` itself)', () => {
    assert.equal('handler' in defineTool({ name: 'lookup', parameters: { type: 'object' } }), false);
  });
});
