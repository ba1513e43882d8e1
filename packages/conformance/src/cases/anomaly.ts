import { detectAnomaly, isAnomalyEnabled, setDetectAnomaly, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** Anomaly mode: NaN/Inf in backward names the node and the forward call site. */
export const anomalyCases = [
  {
    id: 'anomaly/nan-in-backward-names-node-and-forward-site',
    run: async (check) => {
      const x = tensor([0, 1], { requiresGrad: true });
      let message = '';
      detectAnomaly(() => {
        check.equal(isAnomalyEnabled(), true);
        const y = x.sqrt().mul(0).sum(); // d sqrt at 0 is inf; times 0 gives nan
        try {
          y.backward();
        } catch (e) {
          message = (e as Error).message;
        }
      });
      check.equal(isAnomalyEnabled(), false, 'restored after detectAnomaly');
      check.equal(
        /Function SqrtBackward0 returned nan values in its 0th output/.test(message),
        true,
        `error names the node: ${message.slice(0, 120)}`,
      );
      check.equal(
        /Traceback of forward call that caused the error/.test(message),
        true,
        'error carries the forward stack',
      );
      check.equal(/anomaly\.ts/.test(message), true, 'the stack points at the forward call site');
      check.equal(x.grad, null, 'x.grad unchanged');
      await Promise.resolve();
    },
  },
  {
    id: 'anomaly/global-switch-and-clean-backward',
    run: async (check) => {
      setDetectAnomaly(true);
      try {
        const x = tensor([1, 4], { requiresGrad: true });
        x.sqrt().sum().backward();
        await check.close(x.grad, [0.5, 0.25]);
      } finally {
        setDetectAnomaly(false);
      }
      check.equal(isAnomalyEnabled(), false);
    },
  },
  {
    id: 'anomaly/off-nan-flows-silently',
    run: async (check) => {
      const x = tensor([0], { requiresGrad: true });
      x.sqrt().mul(0).sum().backward();
      check.equal(
        Number.isNaN(((await x.grad!.toArray()) as number[])[0]),
        true,
        'without anomaly mode NaN reaches .grad',
      );
    },
  },
] as const satisfies readonly ScriptCase[];
