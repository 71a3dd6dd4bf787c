import * as assert from 'node:assert/strict';
import { axisTicks } from '../../../src/webview/dashboard/charts';

describe('chart axis', () => {
  // Even ticks get even labels: a step of 1, 2 or 5 times a power of ten, every label at one precision.
  const cases: [number, number[], string[]][] = [
    [0.022, [0, 0.005, 0.01, 0.015, 0.02, 0.025], ['$0', '$0.005', '$0.010', '$0.015', '$0.020', '$0.025']],
    [0.03, [0, 0.01, 0.02, 0.03], ['$0', '$0.01', '$0.02', '$0.03']],
    [7.3, [0, 2, 4, 6, 8], ['$0', '$2', '$4', '$6', '$8']],
    [0.9, [0, 0.2, 0.4, 0.6, 0.8, 1], ['$0', '$0.20', '$0.40', '$0.60', '$0.80', '$1.00']],
    [0.000004, [0, 0.000001, 0.000002, 0.000003, 0.000004], ['$0', '$0.000001', '$0.000002', '$0.000003', '$0.000004']],
    [0, [0, 0.25, 0.5, 0.75, 1], ['$0', '$0.25', '$0.50', '$0.75', '$1.00']],
  ];
  for (const [max, values, labels] of cases) {
    it(`an axis up to ${max} reads ${labels.join(' ')}`, () => {
      const ticks = axisTicks(max);
      assert.deepEqual(
        ticks.map((t) => t.label),
        labels,
      );
      ticks.forEach((t, i) => assert.ok(Math.abs(t.value - values[i]) < 1e-12, `${t.value} ≠ ${values[i]}`));
    });
  }
});
