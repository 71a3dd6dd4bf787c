// How a route that no attempt answered closes its stream: the error the user sees, whether it
// may be retried, and the finish reason the chat reads to show it.
import * as assert from 'node:assert/strict';
import { descriptor, ep, fail, failMidway } from './fakes';
import { drain, rig } from './setup';

const M = 'acme/model';
const req = { models: [M], messages: [{ role: 'user' as const, content: 'hi' }], preferences: { sort: 'price' as const } };
const schema = { type: 'json_schema' as const, name: 'x', schema: { type: 'object' } };

describe('Router: how a route without an answer closes', () => {
  it('a partial answer ends with a non-retryable error and an "error" finish', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', failMidway('half'));
    const out = await drain(r.router.route(req));
    assert.equal(out.error?.retryable, false);
    assert.deepEqual(out.events.at(-2), { type: 'finish', reason: 'error' });
  });

  it('a blocked budget ends with a non-retryable budget error and an "error" finish', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)], deps: { budgetGate: () => ({ action: 'block', message: 'Daily budget reached.' }) } });
    const out = await drain(r.router.route(req));
    assert.equal(out.error?.retryable, false);
    assert.equal(out.error?.message, 'Daily budget reached.');
    assert.deepEqual(out.events.at(-2), { type: 'finish', reason: 'error' });
  });

  it('every host failing ends with the last error and an "error" finish', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('bad_request', { status: 400 }));
    const out = await drain(r.router.route(req));
    assert.deepEqual(out.events.at(-2), { type: 'finish', reason: 'error' });
  });

  it('a host\'s own cancellation is shown as it came, with a "cancelled" finish', async () => {
    const r = rig({ endpoints: [ep('a', 'm', M)] });
    r.adapter.script('a:m', fail('cancelled'));
    const out = await drain(r.router.route(req));
    assert.equal(out.error?.message, 'fake cancelled');
    assert.deepEqual(out.events.at(-2), { type: 'finish', reason: 'cancelled' });
  });

  it('hosts that cannot answer in a schema: a bad request, asking for another model', async () => {
    const noSchema = descriptor('a', { capabilities: { ...descriptor('a').capabilities, structuredOutput: false } });
    const r = rig({ endpoints: [ep('a', 'm', M)], descriptors: [noSchema] });
    const out = await drain(r.router.route({ ...req, responseFormat: schema }));
    assert.equal(out.error?.category, 'bad_request');
    assert.match(out.error?.message ?? '', /a:m: cannot answer in a JSON schema\. Pick a model/);
  });
});
