// The caller's tools and tool mode → the core request's tools and tool choice.
import * as assert from 'node:assert/strict';
import { LM_TOOL_MODE, toolOptions } from '../../../../src/app/lm/tool-options';

const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } } },
};
const files = { name: 'list_files', description: 'Lists files' };

describe('toolOptions', () => {
  it('no tools: no tool fields, so the request stays as it was', () => {
    assert.deepEqual(toolOptions(undefined, LM_TOOL_MODE.auto), { ok: true, value: {} });
    assert.deepEqual(toolOptions([], LM_TOOL_MODE.required), { ok: true, value: {} });
  });

  it('maps name, description and input schema; a tool without a schema takes an empty object', () => {
    const r = toolOptions([weather, files], LM_TOOL_MODE.auto);
    assert.deepEqual(r, {
      ok: true,
      value: {
        tools: [
          { name: 'get_weather', description: 'Weather for a city', parameters: weather.inputSchema },
          { name: 'list_files', description: 'Lists files', parameters: { type: 'object', properties: {} } },
        ],
        toolChoice: 'auto',
      },
    });
  });

  it('tool mode: auto, required with several tools, and required with one tool names it', () => {
    const choice = (tools: unknown[], mode: unknown) => {
      const r = toolOptions(tools, mode);
      return r.ok ? r.value.toolChoice : undefined;
    };
    assert.equal(choice([weather, files], LM_TOOL_MODE.auto), 'auto');
    assert.equal(choice([weather, files], undefined), 'auto');
    assert.equal(choice([weather, files], LM_TOOL_MODE.required), 'required');
    assert.deepEqual(choice([weather], LM_TOOL_MODE.required), { type: 'tool', name: 'get_weather' });
  });

  it('refuses a malformed tool or a repeated name, saying which', () => {
    const bad = toolOptions([weather, { name: 'has space', description: 'x' }], LM_TOOL_MODE.auto);
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.message, /Tool 2 cannot be sent: name must be 1 to 64/);
    const schema = toolOptions([{ name: 'x', inputSchema: 'not an object' }], LM_TOOL_MODE.auto);
    assert.match(schema.ok ? '' : schema.message, /Tool 1 cannot be sent: inputSchema/);
    const twice = toolOptions([weather, weather], LM_TOOL_MODE.auto);
    assert.match(twice.ok ? '' : twice.message, /"get_weather" is given twice/);
  });
});
