import { describe, expect, it } from 'vitest';
import { createTextBudget } from '../../src/scan/text-budget.js';

/** Whether a promise has settled after the microtasks queued so far. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('createTextBudget', () => {
  it('lets reads through while the text held is under the limit', async () => {
    const budget = createTextBudget(100);
    const release = budget.hold(60);
    expect(await settled(budget.whenUnderLimit())).toBe(true);
    release();
  });

  it('holds reads back once the limit is reached, until enough text is released', async () => {
    const budget = createTextBudget(100);
    const first = budget.hold(70);
    const second = budget.hold(50);
    const waiting = budget.whenUnderLimit();
    expect(await settled(waiting)).toBe(false);
    second();
    expect(await settled(waiting)).toBe(true);
    // Releasing twice counts once.
    second();
    const third = budget.hold(40);
    expect(await settled(budget.whenUnderLimit())).toBe(false);
    first();
    third();
    expect(await settled(budget.whenUnderLimit())).toBe(true);
  });
});
