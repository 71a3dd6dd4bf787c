import * as assert from 'node:assert/strict';
import { adviseFailure } from '../../../../src/app/lm/error-advice';
import type { AttemptReport, RouteReport } from '../../../../src/core/router/types';
import { ep } from '../../router/fakes';

const failed = (category: AttemptReport['errorCategory']): AttemptReport => ({
  endpoint: ep('a', 'm', 'x/m'),
  outcome: 'failed',
  errorCategory: category,
  retry: 0,
  fallback: false,
  startedAt: 0,
  durationMs: 1,
});
const report = (...attempts: AttemptReport[]): RouteReport => ({ attempts, strategy: 'price' });

describe('adviseFailure', () => {
  it('a budget block says nothing was sent and where the limit is', () => {
    const f = adviseFailure({ category: 'budget', message: 'Daily budget of $1.00 reached.' }, 'x/m');
    assert.equal(f.kind, 'blocked');
    assert.match(f.message, /nothing was sent.*Daily budget.*switchboard\.budgets/);
    const guard = adviseFailure(
      {
        category: 'budget',
        message:
          '$1.00 spent reaches daily budget of $1.00. Nothing was sent. Raise the limit in the switchboard.budgets setting or wait for the next period.',
      },
      'x/m',
    );
    assert.equal(guard.message.match(/switchboard\.budgets/g)?.length, 1);
  });

  it('no key names the command that sets one', () => {
    const f = adviseFailure({ category: 'auth', message: 'No endpoint can serve x/m.' }, 'x/m');
    assert.equal(f.kind, 'no-permissions');
    assert.match(f.message, /Switchboard: Set API Key/);
  });

  it('a context overflow says to shorten or pick a larger model', () => {
    assert.match(
      adviseFailure({ category: 'context_length', message: 'too long' }, 'x/m').message,
      /too long for x\/m.*larger context window/,
    );
  });

  it('rate limits on every host say so', () => {
    const f = adviseFailure({ category: 'rate_limit', message: '429' }, 'x/m', report(failed('rate_limit'), failed('rate_limit')));
    assert.match(f.message, /Every host of x\/m is rate-limited/);
    const mixed = adviseFailure({ category: 'rate_limit', message: '429' }, 'x/m', report(failed('server'), failed('rate_limit')));
    assert.match(mixed.message, /No host of x\/m could answer/);
  });

  it('passes other errors through', () => {
    assert.deepEqual(adviseFailure({ category: 'bad_request', message: 'bad' }, 'x/m'), { kind: 'other', message: 'bad' });
  });
});
