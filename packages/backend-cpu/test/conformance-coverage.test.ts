import { kernelCoverage } from '@ag/conformance';
import { expect, it } from 'vitest';
import { cpu } from '../src/index.js';

// Every primitive, in every dtype core can run it in on the CPU (which stores them all), is
// checked by some conformance case: see kernelCoverage in @ag/conformance for how both sets are found.
it('the conformance suite checks every primitive in every dtype core dispatches', async () => {
  const { missing } = await kernelCoverage(cpu());
  expect(missing).toEqual([]);
});
