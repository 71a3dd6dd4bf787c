import * as assert from 'node:assert/strict';
import { FrameCoalescer, HEAVY_MS, MAX_GAP_MS, MAX_SHARE, SPACING_MS } from '../../../src/webview/chat/frame-coalescer';
import { footerParts, formatCharge } from '../../../src/webview/chat/footer-format';

describe('footer', () => {
  const usage = { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 1000, cacheWriteTokens: 0, reasoningTokens: 89 };

  it('lists model, provider, fallbacks, tokens, cost, TTFT and speed', () => {
    const parts = footerParts({
      model: 'anthropic/claude-sonnet-4.5',
      meta: {
        provider: 'openrouter',
        providerName: 'OpenRouter',
        upstreamProvider: 'Anthropic',
        servedModelId: 'anthropic/claude-sonnet-4.5',
        fallbacks: [{ provider: 'anthropic', modelId: 'claude-sonnet-4-5', reason: '529 overloaded' }],
        usage,
        charge: { usd: 0.0123, status: 'exact' },
        ttftMs: 412,
        tokensPerSecond: 57.25,
      },
    });
    assert.deepEqual(
      parts.map((p) => p.text),
      [
        'anthropic/claude-sonnet-4.5',
        'via OpenRouter → Anthropic',
        '1 fallback',
        '1,234 in · 567 out · 1,000 cached · 89 reasoning',
        '$0.01',
        'TTFT 412 ms',
        '57.3 tok/s',
      ],
    );
    assert.match(parts[2].title!, /anthropic:claude-sonnet-4-5 \(529 overloaded\)/);
  });

  it('shows each warning as a short part naming its host, with the whole message for tooltips and screen readers', () => {
    const message = 'Anthropic takes no temperature while thinking; it was not sent.';
    const parts = footerParts({
      model: 'm',
      meta: {
        usage,
        charge: { usd: 0.01, status: 'exact' },
        warnings: [
          { provider: 'anthropic', providerName: 'Anthropic', parameter: 'temperature', message },
          { provider: 'openai', parameter: 'reasoning.maxTokens', message: 'OpenAI takes an effort, not a token budget.' },
          { provider: 'anthropic', providerName: 'Anthropic', parameter: 'temperature', message: 'sent as 1', changed: true },
        ],
      },
    });
    const warnings = parts.filter((p) => p.kind === 'warning');
    assert.deepEqual(
      warnings.map((p) => p.text),
      ['temperature ignored by Anthropic', 'reasoning.maxTokens ignored by openai', 'temperature changed by Anthropic'],
    );
    assert.equal(warnings[0].title, message);
    assert.equal(warnings[0].label, `Warning: ${message}`);
  });

  it('never shows an unpriced answer as $0, and marks estimates', () => {
    assert.equal(formatCharge({ status: 'unpriced' }).text, 'unpriced');
    assert.equal(formatCharge({ usd: 0.00042, status: 'estimated' }).text, '~$0.00042 estimated');
    assert.equal(formatCharge({ usd: 0, status: 'free' }).text, 'free');
    assert.equal(formatCharge(undefined).text, 'cost unknown');
  });

  it('writes money as the status bar does', () => {
    const cost = (usd: number) =>
      footerParts({ model: 'm', meta: { provider: 'a', usage, charge: { usd, status: 'exact' } } }).find((p) => p.kind === 'cost')?.text;
    assert.equal(cost(0.0000123), '$0.000012');
    assert.equal(cost(0.5), '$0.50');
    assert.equal(cost(12.345), '$12.35');
  });

  it('leaves out cache and reasoning counts that are zero', () => {
    const zero = { ...usage, cacheReadTokens: 0, reasoningTokens: 0 };
    const parts = footerParts({ model: 'm', meta: { provider: 'a', usage: zero, charge: { usd: 0.001, status: 'exact' } } });
    assert.equal(parts.find((p) => p.kind === 'tokens')?.text, '1,234 in · 567 out');
  });

  it('counts failed attempts on the serving host as retries, and other hosts as fallbacks', () => {
    const failed = (provider: string) => ({ provider, modelId: 'm1', reason: '503' });
    const text = (fallbacks: ReturnType<typeof failed>[]) =>
      footerParts({ model: 'm', meta: { provider: 'a', servedModelId: 'm1', fallbacks, usage } })
        .filter((p) => p.kind === 'fallbacks')
        .map((p) => p.text);
    assert.deepEqual(text([failed('a'), failed('a'), failed('a')]), ['3 retries']);
    assert.deepEqual(text([failed('b'), failed('b'), failed('a')]), ['1 fallback · 2 retries']);
    assert.deepEqual(text([failed('b'), failed('c')]), ['2 fallbacks']);
    const unserved = (fallbacks: ReturnType<typeof failed>[]) =>
      footerParts({ model: 'm', meta: { fallbacks } })
        .filter((p) => p.kind === 'fallbacks')
        .map((p) => p.text);
    assert.deepEqual(unserved([failed('a'), failed('a')]), ['1 retry'], 'two failed attempts on one host, none served');
    assert.deepEqual(unserved([failed('a'), failed('b')]), ['1 fallback']);
  });

  it('says budget things in words, and only when they apply', () => {
    const budget = (budgetNote?: string, budgetAction?: 'warn' | 'downgrade') =>
      footerParts({ model: 'm', meta: { provider: 'a', usage, budgetNote, budgetAction } }).filter((p) => p.kind === 'budget');
    assert.deepEqual(budget(), []);
    const warn = budget('This request could cost up to $0.25 …', 'warn');
    assert.equal(warn[0].text, 'budget warning');
    assert.equal(warn[0].title, 'This request could cost up to $0.25 …');
    assert.equal(budget('Routing to the cheapest capable model instead.', 'downgrade')[0].text, 'cheaper model (budget)');
  });

  it('says when an answer was stopped, and marks locally counted tokens', () => {
    const parts = footerParts({
      model: 'm',
      meta: { provider: 'a', usage, usageEstimated: true, charge: { usd: 0.001, status: 'estimated' }, finishReason: 'cancelled' },
    });
    assert.ok(parts.some((p) => p.kind === 'status' && p.text === 'stopped'));
    assert.match(parts.find((p) => p.kind === 'tokens')!.text, /^~1,234 in · ~567 out/);
  });

  it('says a request that failed before any output was not billed, not that its cost is unknown', () => {
    const parts = footerParts({ model: 'm', meta: {} });
    assert.equal(parts.find((p) => p.kind === 'cost')?.text, 'not billed');
  });
});

describe('FrameCoalescer', () => {
  it('flushes many deltas once per frame, in order', () => {
    const frames: (() => void)[] = [];
    const flushed: [string, string, string][] = [];
    const c = new FrameCoalescer(
      (cb) => frames.push(cb),
      (k, t, r) => flushed.push([k, t, r]),
    );
    for (let i = 0; i < 1000; i++) c.push('m1', `${i % 10}`);
    c.push('m1', '', 'think');
    assert.equal(frames.length, 1);
    assert.equal(flushed.length, 0);
    frames.shift()!();
    assert.equal(flushed.length, 1);
    assert.equal(flushed[0][1].length, 1000);
    assert.equal(flushed[0][1].slice(0, 12), '012345678901');
    assert.equal(flushed[0][2], 'think');
    c.push('m1', 'x');
    assert.equal(frames.length, 1);
  });

  it('drain flushes immediately; discard drops pending text', () => {
    const frames: (() => void)[] = [];
    const flushed: string[] = [];
    const c = new FrameCoalescer(
      (cb) => frames.push(cb),
      (_k, t) => flushed.push(t),
    );
    c.push('a', 'one');
    c.drain();
    assert.deepEqual(flushed, ['one']);
    c.push('a', 'two');
    c.discard();
    assert.equal(c.pending, false);
    frames.forEach((f) => f());
    assert.deepEqual(flushed, ['one']);
  });
});

describe('FrameCoalescer: frame budget', () => {
  it('after a heavy flush, skips frames until the spacing has passed; light flushes run every frame', () => {
    let now = 0;
    let cost = HEAVY_MS + 1;
    const frames: (() => void)[] = [];
    const flushed: string[] = [];
    const c = new FrameCoalescer(
      (cb) => frames.push(cb),
      (_k, t) => {
        flushed.push(t);
        now += cost;
      },
      () => now,
    );
    const frame = () => {
      now += 16;
      frames.shift()!();
    };
    c.push('a', '1');
    frame(); // a heavy flush: the next may not start before SPACING_MS after this one did
    const heavyAt = 16;
    assert.deepEqual(flushed, ['1']);
    let skipped = 0;
    c.push('a', '2');
    while (now + 16 < heavyAt + SPACING_MS) {
      frame();
      skipped++;
      c.push('a', '+');
    }
    assert.ok(skipped >= 1);
    assert.deepEqual(flushed, ['1'], 'flushed inside the spacing');
    assert.equal(frames.length, 1, 'a skipped frame must ask for the next one');
    cost = 1;
    frame();
    assert.deepEqual(flushed, ['1', `2${'+'.repeat(skipped)}`]);
    c.push('a', '3');
    frame(); // light flushes do not space out the next
    c.push('a', '4');
    frame();
    assert.deepEqual(flushed.slice(2), ['3', '4']);
  });

  /** When two flushes that each take `cost` ms start, with a delta waiting for each (frames every 16 ms). */
  function twoFlushes(cost: number): number[] {
    let now = 0;
    const frames: (() => void)[] = [];
    const flushed: number[] = [];
    const c = new FrameCoalescer(
      (cb) => frames.push(cb),
      () => {
        flushed.push(now);
        now += cost;
      },
      () => now,
    );
    c.push('a', 'x');
    now = 16;
    frames.shift()!();
    c.push('a', 'y');
    while (flushed.length < 2) {
      now += 16;
      frames.shift()!();
    }
    return flushed;
  }

  it('a flush slower than the spacing allows holds the next one back to its share of the main thread', () => {
    const flushed = twoFlushes(40);
    assert.ok(flushed[1] >= 16 + 40 / MAX_SHARE, `second flush at ${flushed[1]} ms`);
    assert.ok(flushed[1] < 16 + 40 / MAX_SHARE + 16, 'and on the first frame after that');
  });

  it('however slow a flush was, the next comes within MAX_GAP_MS: a loaded machine still shows the answer grow', () => {
    // A flush on a machine far too busy: its share alone would hold the next back 2.4 s.
    const [first, second] = twoFlushes(600);
    assert.ok(second - first <= MAX_GAP_MS + 16, `second flush ${second - first} ms after the first`);
    assert.ok(second - first >= MAX_GAP_MS, 'but not before the cap');
  });

  it('drain is never held back by the budget', () => {
    let now = 0;
    const flushed: string[] = [];
    const c = new FrameCoalescer(
      () => {},
      (_k, t) => {
        flushed.push(t);
        now += 50;
      },
      () => now,
    );
    c.push('a', 'x');
    c.drain();
    c.push('a', 'y');
    c.drain();
    assert.deepEqual(flushed, ['x', 'y']);
  });
});
