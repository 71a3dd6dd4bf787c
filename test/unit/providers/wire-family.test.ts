// Which wire a request takes is capability data per host and model.
import * as assert from 'node:assert/strict';
import { customDescriptor } from '../../../src/core/providers/build-registry';
import { OLLAMA, OPENAI, OPENROUTER, GROQ } from '../../../src/core/providers/openai/presets';
import { matchesModel, wireFamilyFor } from '../../../src/core/providers/wire-family';

describe('wire family per host and model', () => {
  it('matches exact ids and `*` prefixes only', () => {
    assert.equal(matchesModel(['gpt-5*'], 'gpt-5-mini'), true);
    assert.equal(matchesModel(['o3'], 'o3'), true);
    assert.equal(matchesModel(['o3'], 'o3-mini'), false);
    assert.equal(matchesModel(['gpt-5*'], 'openai/gpt-5'), false);
  });

  it("OpenAI's reasoning models use the Responses API; its other models keep Chat Completions", () => {
    assert.equal(wireFamilyFor(OPENAI, 'gpt-5'), 'responses');
    assert.equal(wireFamilyFor(OPENAI, 'o4-mini'), 'responses');
    assert.equal(wireFamilyFor(OPENAI, 'gpt-4o-mini'), 'openai');
  });

  it('OpenRouter and Ollama serve it for the models listed; a host that does not keeps its own wire', () => {
    assert.equal(wireFamilyFor(OPENROUTER, 'openai/gpt-5'), 'responses');
    assert.equal(wireFamilyFor(OPENROUTER, 'anthropic/claude-sonnet-4.5'), 'openai');
    assert.equal(wireFamilyFor(OLLAMA, 'gpt-oss:20b'), 'responses');
    assert.equal(wireFamilyFor(OLLAMA, 'llama3.2'), 'openai');
    assert.equal(wireFamilyFor(GROQ, 'openai/gpt-oss-120b'), 'openai');
  });

  it('a custom endpoint can speak only the Responses API', () => {
    const d = customDescriptor({ id: 'resp', displayName: 'Resp', family: 'responses', baseUrl: 'http://127.0.0.1:9/v1' });
    assert.equal(d.family, 'responses');
    assert.equal(wireFamilyFor(d, 'anything'), 'responses');
    assert.deepEqual(d.auth, { kind: 'bearer' });
  });
});
