import { cpu } from '@ag/backend-cpu';
import { nn, ones, registerBackend, tensor } from '@ag/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPrint, formatRepr } from '../src/worker/format.ts';

// What Python's print and a notebook's repr show for the same values (Python 3 semantics).
describe("print and repr, as Python's", () => {
  beforeAll(() => {
    registerBackend(cpu());
  });

  it('None, booleans, numbers and strings', async () => {
    expect(await formatPrint([null, undefined, true, false, 3, 2.5, NaN, -Infinity, 'text'])).toBe(
      'None None True False 3 2.5 nan -inf text',
    );
    expect(await formatRepr('text')).toBe("'text'");
    expect(await formatRepr("it's")).toBe('"it\'s"');
    expect(await formatRepr('a\nb')).toBe("'a\\nb'");
  });

  it('lists and dicts quote the strings inside them; cycles print as [...]', async () => {
    expect(await formatPrint([[1, 'a', null, [true]]])).toBe("[1, 'a', None, [True]]");
    expect(await formatPrint([{ lr: 0.1, name: 'sgd' }])).toBe("{'lr': 0.1, 'name': 'sgd'}");
    expect(await formatPrint([new Map([['k', 1]])])).toBe("{'k': 1}");
    expect(await formatPrint([new Set()])).toBe('set()');
    const self: unknown[] = [1];
    self.push(self);
    expect(await formatPrint([self])).toBe('[1, [...]]');
  });

  it('tensors by their repr, grad_fn nodes as objects, modules as their tree', async () => {
    const a = ones([2], { requiresGrad: true });
    const b = a.mul(2);
    expect(await formatPrint([b])).toBe('tensor([2., 2.], grad_fn=<MulBackward0>)');
    expect(await formatPrint([b.gradFn])).toBe('<MulBackward0 object>');
    expect(await formatPrint([[tensor([1, 2]), 'x']])).toBe("[tensor([1., 2.]), 'x']");
    expect(await formatPrint([new nn.Linear(2, 3)])).toBe('Linear(in_features=2, out_features=3, bias=True)');
  });

  it('shows a tensor as it was when print was called, even if it changes in place after', async () => {
    const t = ones([2]);
    const printed = formatPrint([t]);
    t.mul_(5);
    expect(await printed).toBe('tensor([1., 1.])');
  });
});
