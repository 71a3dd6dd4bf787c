// The budget check counts a prompt's tokens only when a limit could be reached: without a limit
// nothing is counted, and far from one a cheap upper bound (UTF-8 bytes) decides and is held.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { BudgetGate, BudgetGuard, budgetHooks, type BudgetConfig } from '../../../src/core/budgets';
import { countPromptTokens, preSendEstimate } from '../../../src/core/pricing';
import { countToolTokens, inputTokensUpperBound } from '../../../src/core/pricing/token-count';
import type { RoutePlan } from '../../../src/core/router/route-plan';
import type { BudgetDecision } from '../../../src/core/router/router';
import type { AttemptContext } from '../../../src/core/router/router';
import type { RoutedRequest } from '../../../src/core/router/types';
import type { ChatMessage } from '../../../src/core/types';
import { ep, MemoryCatalog } from '../router/fakes';
import { MemorySpend } from './spend-fake';

const big = ep('openai', 'big', 'openai/big', { price: { inputPerMTok: 1.25, outputPerMTok: 6 }, contextWindow: 128_000 });
const plan = { candidates: [{ endpoint: big }], skipped: [] } as unknown as RoutePlan;
const PROMPT = 'Summarise the design of the ledger in three sentences, please. '.repeat(40);

/** A request whose prompt text counts how often it is read, to see whether anything counted it. */
function watchedRequest(): { req: RoutedRequest; reads: () => number } {
  let reads = 0;
  const message = {
    role: 'user',
    get content() {
      reads++;
      return PROMPT;
    },
  } as ChatMessage;
  return { req: { models: ['openai/big'], messages: [message], workspaceId: 'ws' }, reads: () => reads };
}

function hooksOver(spent: number, config: Partial<BudgetConfig>) {
  const cfg: BudgetConfig = { warnAt: 0.8, action: 'block', ...config };
  const gate = new BudgetGate(new BudgetGuard(new MemorySpend(spent), () => cfg));
  return { gate, hooks: budgetHooks({ gate, catalog: new MemoryCatalog([big]), isReachable: () => true, isLocal: () => false }) };
}

/** The gate decides synchronously, so check and hold are one step. */
const admit = (h: ReturnType<typeof hooksOver>, req: RoutedRequest, routeId: string) =>
  h.hooks.budgetGate(plan, req, { routeId } as AttemptContext) as BudgetDecision;

describe('Budget check: the prompt is counted only when a limit could be reached', () => {
  const exactUsd = preSendEstimate({ messages: [{ role: 'user', content: PROMPT }] }, big).costRange.high!;
  const boundUsd = preSendEstimate({ messages: [{ role: 'user', content: PROMPT }] }, big, { upperBound: true }).costRange.high!;

  it('with no limit set, the prompt is not read and nothing is held', () => {
    const h = hooksOver(0, {});
    const { req, reads } = watchedRequest();
    assert.deepEqual(admit(h, req, 'r1'), { action: 'allow' });
    assert.equal(reads(), 0);
    assert.equal(h.gate.reservations.heldUsd(), 0);
  });

  it('far from the limit, the bound decides and is held, so the tokenizer never runs', () => {
    assert.ok(boundUsd > exactUsd, `${boundUsd} > ${exactUsd}`);
    const h = hooksOver(0, { dailyUsd: 10 });
    const { req } = watchedRequest();
    assert.deepEqual(admit(h, req, 'r1'), { action: 'allow' });
    assert.equal(h.gate.reservations.heldUsd(), boundUsd);
  });

  it('where the bound could pass the limit, the exact count decides (and is what is held)', () => {
    // Room for the exact estimate but not for the bound.
    const limit = 1;
    const h = hooksOver(limit - (exactUsd + boundUsd) / 2, { dailyUsd: limit });
    const { req } = watchedRequest();
    assert.deepEqual(admit(h, req, 'r1'), { action: 'allow' });
    assert.ok(Math.abs(h.gate.reservations.heldUsd() - exactUsd) < 1e-12, String(h.gate.reservations.heldUsd()));
    assert.equal(admit(h, watchedRequest().req, 'r2').action, 'block');
  });

  it('a gate request whose estimate is a function calls it only when a limit applies and the bound fails', () => {
    let calls = 0;
    const estimateUsd = () => (calls++, 0.5);
    const unlimited = new BudgetGate(new BudgetGuard(new MemorySpend(0), () => ({ warnAt: 0.8, action: 'block' })));
    assert.deepEqual(unlimited.admit({ key: 'a', estimateUsd, boundUsd: () => 0.6 }), { action: 'allow' });
    const gate = new BudgetGate(new BudgetGuard(new MemorySpend(0), () => ({ warnAt: 0.8, action: 'block', dailyUsd: 1 })));
    assert.deepEqual(gate.admit({ key: 'b', estimateUsd, boundUsd: () => 0.6 }), { action: 'allow' });
    assert.equal(calls, 0);
    assert.equal(gate.admit({ key: 'c', estimateUsd, boundUsd: () => 0.6 }).action, 'block', '0.6 held + 0.5 > 1');
    assert.equal(calls, 1);
  });
});

describe('inputTokensUpperBound', () => {
  const families = ['gpt-4o', 'anthropic/claude-sonnet-4.5', 'google/gemini-2.5-pro', 'meta/llama-3.3-70b', 'mistral-large'];

  it('is never below the exact count of messages and tools, for any text and tokenizer family', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...families),
        (texts, model) => {
          const messages: ChatMessage[] = texts.map((t, i) => ({ role: i % 2 ? 'assistant' : 'user', content: t }));
          const tools = [{ name: 'look', description: texts[0], parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
          const exact = countPromptTokens(messages, model) + countToolTokens(tools, model);
          assert.ok(inputTokensUpperBound({ messages, tools }, model) >= exact);
        },
      ),
      { numRuns: 300 },
    );
  });
});
