// What the caller sees of an attempt's warnings and metadata, in order, and which hosts a
// request with a schema or tools may go to.
import * as assert from 'node:assert/strict';
import { ProviderError } from '../../../src/core/errors';
import { canCallTools, needsOf, whyCannotServe } from '../../../src/core/router/request-needs';
import type { StreamEvent } from '../../../src/core/types';
import { descriptor, ep, fail } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };
const usage = { inputTokens: 3, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0 };
const warn = (parameter: string, changed?: true): StreamEvent => ({
  type: 'warning',
  warning: { parameter, message: `${parameter} adjusted`, ...(changed ? { changed } : {}) },
});

describe('Router: warnings and metadata as the caller sees them', () => {
  it('holds warnings and metadata until output starts, then passes later ones through in order', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', [
      warn('temperature', true),
      { type: 'response-metadata', provider: 'a', id: 'resp-1' } as StreamEvent,
      { type: 'text-delta', text: 'hi' },
      warn('stop'),
      { type: 'response-metadata', provider: 'a', id: 'resp-2' } as StreamEvent,
      { type: 'usage', usage },
      { type: 'finish', reason: 'stop' },
    ]);
    const out = await drain(r.router.route(req));
    assert.deepEqual(
      out.events.filter((e) => e.type !== 'attempt' && e.type !== 'route-report').map((e) => e.type),
      ['warning', 'response-metadata', 'text-delta', 'warning', 'response-metadata', 'usage', 'finish'],
    );
    assert.deepEqual(out.report.warnings, [
      { provider: 'a', modelId: 'm', parameter: 'temperature', message: 'temperature adjusted', changed: true },
      { provider: 'a', modelId: 'm', parameter: 'stop', message: 'stop adjusted' },
    ]);
  });

  const err = new ProviderError({ category: 'server', provider: 'a', message: 'boom', status: 500 });
  const failing: StreamEvent[] = [warn('temperature'), { type: 'error', error: err }, { type: 'finish', reason: 'error' }];
  const answering: StreamEvent[] = [warn('temperature'), { type: 'text-delta', text: 'ok' }, { type: 'finish', reason: 'stop' }];

  it('a retry at the same host does not repeat its warnings in the report', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', failing, answering);
    const out = await drain(r.router.route(req));
    assert.equal(out.real.length, 2);
    assert.deepEqual(
      out.report.warnings?.map((w) => `${w.provider}:${w.parameter}`),
      ['a:temperature'],
    );
  });

  it('a fallback host names its own warnings, and only the served attempt’s reach the caller', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }), ep('b', 'm', M)] });
    r.adapter.script('a:m', failing);
    r.adapter.script('b:m', answering);
    const out = await drain(r.router.route(req));
    assert.deepEqual(
      out.report.warnings?.map((w) => `${w.provider}:${w.parameter}`),
      ['a:temperature', 'b:temperature'],
    );
    assert.equal(out.events.filter((e) => e.type === 'warning').length, 1);
  });

  it('the same warning twice from one attempt is listed once', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', [
      warn('temperature'),
      warn('temperature'),
      { type: 'text-delta', text: 'ok' },
      { type: 'finish', reason: 'stop' },
    ]);
    const out = await drain(r.router.route(req));
    assert.equal(out.report.warnings?.length, 1);
  });

  it('an answer without warnings has no warning list', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    assert.equal((await drain(r.router.route(req))).report.warnings, undefined);
  });

  it('a failed attempt that only sent metadata shows the caller nothing of it', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M, { price: { inputPerMTok: 1, outputPerMTok: 1 } }), ep('b', 'm', M)] });
    r.adapter.script('a:m', [warn('temperature'), ...fail('server', { status: 500 })]);
    const out = await drain(r.router.route(req));
    assert.equal(out.events.filter((e) => e.type === 'warning').length, 0);
  });
});

describe('request needs', () => {
  const d = descriptor('p');

  it('tools are needed only when the request lists at least one', () => {
    assert.deepEqual(needsOf({}), { tools: false, schema: false, reasoning: false });
    assert.equal(needsOf({ tools: [] }).tools, false);
    assert.equal(needsOf({ tools: [{ name: 't', parameters: {} }] }).tools, true);
    assert.equal(needsOf({ responseFormat: { type: 'json_object' } } as never).schema, true);
    assert.equal(needsOf({ reasoning: { effort: 'low' } }).reasoning, true);
  });

  it('a schema is refused by a host the provider or the catalog says cannot answer in one', () => {
    const e = ep('p', 'm', M);
    const schema = { tools: false, schema: true };
    assert.equal(whyCannotServe(e, d, schema, false), undefined, 'unknown is not refused');
    assert.deepEqual(whyCannotServe(e, descriptor('p', { capabilities: { ...d.capabilities, structuredOutput: false } }), schema, false), [
      'no-schema',
      'cannot answer in a JSON schema',
    ]);
    const noSchema = ep('p', 'm', M, { capabilities: { images: false, reasoning: false, tools: true, structuredOutput: false } });
    assert.equal(whyCannotServe(noSchema, d, schema, false)?.[0], 'no-schema');
    assert.equal(whyCannotServe(noSchema, d, { tools: false, schema: false }, false), undefined);
  });

  it('tools go to a catalog host that can call them, or to any pinned host of a provider that does not refuse them', () => {
    const can = ep('p', 'm', M, { capabilities: { images: false, reasoning: false, tools: true } });
    const cannot = ep('p', 'm', M);
    const refusing = descriptor('p', { capabilities: { ...d.capabilities, tools: false } });
    assert.equal(canCallTools(can, d, false), true);
    assert.equal(canCallTools(cannot, d, false), false);
    assert.equal(canCallTools(cannot, d, true), true);
    assert.equal(canCallTools(can, refusing, true), false);
  });
});
