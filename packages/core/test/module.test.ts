import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tensor } from '../src/index.js';
import { nn, ones, registerBackend, setDefaultDevice, tensor, unregisterBackend, zeros } from '../src/index.js';
import { fakeBackend } from './fake-backend.js';

/**
 * nn.Module as PyTorch's: called directly, printed as `print(model)` prints it, registration and
 * lookup by name, hooks. The expected printed forms are PyTorch's, from its documentation and
 * tutorials (quoted where a test uses one) or from the `extra_repr` of each class.
 */
beforeAll(() => {
  registerBackend(fakeBackend('module-test'));
  setDefaultDevice('module-test');
});
afterAll(() => {
  unregisterBackend('module-test');
});

const values = (t: Tensor | null): number[] => Array.from(t!.toTypedArraySync());

/** y = x * w + b, elementwise: small enough for the fake backend. */
class Affine extends nn.Module {
  readonly w = new nn.Parameter(tensor([2, 3]));
  readonly b = new nn.Parameter(tensor([1, 1]));
  forward(x: Tensor): Tensor {
    return x.mul(this.w).add(this.b);
  }
}

describe('calling a module', () => {
  it('model(x) runs forward, typed as forward is', () => {
    const m = new Affine();
    const y: Tensor = m(tensor([1, 2]));
    expect(values(y)).toEqual([3, 7]);
    expect(m).toBeInstanceOf(nn.Module);
    expect(m).toBeInstanceOf(Affine);
    // A module is a function object: its own enumerable fields are its state, nothing else.
    expect(Object.keys(m)).toEqual(['w', 'b']);
    expect(m.training).toBe(true);
  });

  it('Sequential calls its layers, so their hooks run', () => {
    const inner = new Affine();
    const calls: string[] = [];
    inner.registerForwardHook(() => void calls.push('inner'));
    const seq = new nn.Sequential(inner, new nn.Identity());
    expect(values(seq(tensor([1, 1])))).toEqual([3, 4]);
    expect(calls).toEqual(['inner']);
    // forward itself runs no hooks, as PyTorch's.
    inner.forward(tensor([1, 1]));
    expect(calls).toEqual(['inner']);
  });
});

describe("a module's printed form", () => {
  it("prints the tree as PyTorch prints the neural-networks tutorial's Net", () => {
    // The 60-minute blitz's "Neural Networks" tutorial prints exactly this for its Net.
    class Net extends nn.Module {
      conv1 = new nn.Conv2d(1, 6, 5);
      conv2 = new nn.Conv2d(6, 16, 5);
      fc1 = new nn.Linear(16 * 5 * 5, 120);
      fc2 = new nn.Linear(120, 84);
      fc3 = new nn.Linear(84, 10);
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    expect(String(new Net())).toBe(
      [
        'Net(',
        '  (conv1): Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))',
        '  (conv2): Conv2d(6, 16, kernel_size=(5, 5), stride=(1, 1))',
        '  (fc1): Linear(in_features=400, out_features=120, bias=True)',
        '  (fc2): Linear(in_features=120, out_features=84, bias=True)',
        '  (fc3): Linear(in_features=84, out_features=10, bias=True)',
        ')',
      ].join('\n'),
    );
  });

  it('lists a shared module once in namedModules, as the docs of named_modules show', () => {
    const l = new nn.Linear(2, 2);
    const net = new nn.Sequential(l, l);
    const mods = net.namedModules();
    expect(mods.map(([name]) => name)).toEqual(['', '0']);
    expect(String(mods[0]![1])).toBe(
      'Sequential(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (1): Linear(in_features=2, out_features=2, bias=True)\n)',
    );
    expect(String(mods[1]![1])).toBe('Linear(in_features=2, out_features=2, bias=True)');
  });

  it('indents nested modules two spaces a level', () => {
    const model = new nn.Sequential(new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU()), new nn.Tanh());
    expect(String(model)).toBe(
      [
        'Sequential(',
        '  (0): Sequential(',
        '    (0): Linear(in_features=2, out_features=3, bias=True)',
        '    (1): ReLU()',
        '  )',
        '  (1): Tanh()',
        ')',
      ].join('\n'),
    );
  });

  it('gives each layer its extra_repr', () => {
    const cases: [nn.Module, string][] = [
      [new nn.Linear(20, 30, { bias: false }), 'Linear(in_features=20, out_features=30, bias=False)'],
      [new nn.Conv2d(16, 33, 3, { stride: 2 }), 'Conv2d(16, 33, kernel_size=(3, 3), stride=(2, 2))'],
      [
        new nn.Conv2d(16, 33, [3, 5], { stride: [2, 1], padding: [4, 2], dilation: [3, 1] }),
        'Conv2d(16, 33, kernel_size=(3, 5), stride=(2, 1), padding=(4, 2), dilation=(3, 1))',
      ],
      [
        new nn.Conv1d(16, 33, 3, { groups: 1, padding: 'same', bias: false }),
        'Conv1d(16, 33, kernel_size=(3,), stride=(1,), padding=same, bias=False)',
      ],
      [new nn.ReLU(), 'ReLU()'],
      [new nn.ReLU6(), 'ReLU6()'],
      [new nn.LeakyReLU(), 'LeakyReLU(negative_slope=0.01)'],
      [new nn.ELU(), 'ELU(alpha=1.0)'],
      [new nn.CELU(), 'CELU(alpha=1.0)'],
      [new nn.GELU('tanh'), "GELU(approximate='tanh')"],
      [new nn.Softplus(), 'Softplus(beta=1.0, threshold=20.0)'],
      [new nn.Hardtanh(), 'Hardtanh(min_val=-1.0, max_val=1.0)'],
      [new nn.Softmax(1), 'Softmax(dim=1)'],
      [new nn.LogSoftmax(1), 'LogSoftmax(dim=1)'],
      [new nn.Dropout(0.2), 'Dropout(p=0.2, inplace=False)'],
      [new nn.Dropout(0), 'Dropout(p=0.0, inplace=False)'],
      [new nn.Flatten(), 'Flatten(start_dim=1, end_dim=-1)'],
      [new nn.Identity(), 'Identity()'],
      [new nn.Embedding(10, 3), 'Embedding(10, 3)'],
      [new nn.Embedding(10, 3, { paddingIdx: -1 }), 'Embedding(10, 3, padding_idx=9)'],
      [
        new nn.MaxPool2d(3, { stride: 2 }),
        'MaxPool2d(kernel_size=3, stride=2, padding=0, dilation=1, ceil_mode=False)',
      ],
      [
        new nn.MaxPool2d([3, 2]),
        'MaxPool2d(kernel_size=(3, 2), stride=(3, 2), padding=0, dilation=1, ceil_mode=False)',
      ],
      [new nn.AvgPool2d(3, { stride: 2 }), 'AvgPool2d(kernel_size=3, stride=2, padding=0)'],
      [new nn.AdaptiveAvgPool2d([5, 7]), 'AdaptiveAvgPool2d(output_size=(5, 7))'],
      [new nn.BatchNorm2d(100), 'BatchNorm2d(100, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)'],
      [
        new nn.BatchNorm1d(100, { affine: false, trackRunningStats: false }),
        'BatchNorm1d(100, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)',
      ],
      [new nn.LayerNorm([5, 10, 10]), 'LayerNorm((5, 10, 10), eps=1e-05, elementwise_affine=True)'],
      [new nn.LayerNorm(10, { eps: 1e-6 }), 'LayerNorm((10,), eps=1e-06, elementwise_affine=True)'],
      [new nn.GroupNorm(3, 6), 'GroupNorm(3, 6, eps=1e-05, affine=True)'],
      [new nn.MSELoss(), 'MSELoss()'],
      [new nn.CrossEntropyLoss(), 'CrossEntropyLoss()'],
    ];
    for (const [m, repr] of cases) expect(String(m)).toBe(repr);
  });

  it('prints attention with its projection as PyTorch names it', () => {
    expect(String(new nn.MultiheadAttention(4, 2))).toBe(
      'MultiheadAttention(\n  (out_proj): NonDynamicallyQuantizableLinear(in_features=4, out_features=4, bias=True)\n)',
    );
  });

  it("lists a ModuleList's repeated modules once, as PyTorch's ModuleList does", () => {
    const list = new nn.ModuleList([
      new nn.Linear(2, 2),
      new nn.Linear(2, 2),
      new nn.Linear(2, 2),
      new nn.ReLU(),
      new nn.Linear(2, 2),
    ]);
    expect(String(list)).toBe(
      [
        'ModuleList(',
        '  (0-2): 3 x Linear(in_features=2, out_features=2, bias=True)',
        '  (3): ReLU()',
        '  (4): Linear(in_features=2, out_features=2, bias=True)',
        ')',
      ].join('\n'),
    );
    expect(String(new nn.ModuleList())).toBe('ModuleList()');
  });

  it("uses a subclass's extraRepr, over several lines when it has them", () => {
    class Custom extends nn.Module {
      fc = new nn.Linear(1, 1);
      forward(x: Tensor): Tensor {
        return x;
      }
      override extraRepr(): string {
        return 'scale=2';
      }
    }
    expect(String(new Custom())).toBe(
      'Custom(\n  scale=2\n  (fc): Linear(in_features=1, out_features=1, bias=True)\n)',
    );
  });
});

describe('registration and lookup', () => {
  class Holder extends nn.Module {
    forward(x: Tensor): Tensor {
      return x;
    }
  }

  it('registerParameter, registerModule and addModule name state at run time', () => {
    const m = new Holder();
    const p = new nn.Parameter(zeros([2]));
    m.registerParameter('alpha', p);
    m.registerModule('body', new Affine());
    m.addModule('head', new nn.Identity());
    m.registerParameter('unused', null);
    expect(m.namedParameters().map(([k]) => k)).toEqual(['alpha', 'body.w', 'body.b']);
    expect(m.namedChildren().map(([k]) => k)).toEqual(['body', 'head']);
    expect((m as unknown as { alpha: unknown }).alpha).toBe(p);
    expect(m.getParameter('alpha')).toBe(p);
    expect(m.getParameter('body.w')).toBe(m.getSubmodule('body').parameters()[0]);
    expect(m.getSubmodule('')).toBe(m);
  });

  it('rejects bad names and values, naming the call, and changes nothing', () => {
    const m = new Holder();
    expect(() => {
      m.registerParameter('a.b', null);
    }).toThrow(/registerParameter: parameter name can't contain "."/);
    expect(() => {
      m.registerParameter('', null);
    }).toThrow(/registerParameter: parameter name can't be empty string ""/);
    expect(() => {
      const plain: unknown = zeros([1]); // as JavaScript could pass it
      m.registerParameter('w', plain as null);
    }).toThrow(/registerParameter: cannot assign 'Tensor' object to parameter 'w' \(Parameter or null required\)/);
    expect(() => {
      m.registerParameter('forward', new nn.Parameter(zeros([1])));
    }).toThrow(/registerParameter: attribute 'forward' already exists/);
    expect(() => {
      m.registerModule('x', {} as unknown as nn.Module);
    }).toThrow(/registerModule: Object is not a Module subclass/);
    expect(() => {
      m.registerBuffer('a.b', null);
    }).toThrow(/registerBuffer: buffer name can't contain "."/);
    expect(() => {
      m.registerBuffer('training', zeros([1]));
    }).toThrow(/registerBuffer: attribute 'training' already exists/);
    expect(m.namedParameters()).toEqual([]);
    expect(m.namedBuffers()).toEqual([]);
  });

  it('getSubmodule, getParameter and getBuffer say what is missing along the path', () => {
    const model = new nn.Sequential(new nn.BatchNorm1d(3), new nn.Linear(3, 1));
    expect(model.getBuffer('0.running_mean')).toBe(model.getSubmodule('0').getBuffer('running_mean'));
    expect(() => model.getSubmodule('2')).toThrow(/getSubmodule: Sequential has no attribute `2` \(in '2'\)/);
    expect(() => model.getSubmodule('0.eps')).toThrow(/getSubmodule: `eps` is not a Module \(in '0.eps'\)/);
    expect(() => model.getParameter('1.inFeatures')).toThrow(/getParameter: `inFeatures` is not a Parameter/);
    expect(() => model.getParameter('1.nothing')).toThrow(/getParameter: Linear has no attribute `nothing`/);
    expect(() => model.getBuffer('0.weight')).toThrow(/getBuffer: `weight` is not a buffer/);
  });

  it('makes buffers attributes, readable and assignable', () => {
    const bn = new nn.BatchNorm1d(2) as nn.BatchNorm1d & { running_mean: Tensor };
    expect(values(bn.running_mean)).toEqual([0, 0]);
    bn.running_mean = tensor([5, 6]);
    expect(values(bn.getBuffer('running_mean'))).toEqual([5, 6]);
    expect(bn.namedBuffers().map(([k]) => k)).toEqual(['running_mean', 'running_var', 'num_batches_tracked']);
    // Buffers are not fields: a module's own enumerable fields stay its parameters and settings.
    expect(Object.keys(bn)).not.toContain('running_mean');
  });

  it('requiresGrad_ freezes and unfreezes every parameter', () => {
    const m = new nn.Sequential(new Affine(), new Affine());
    expect(m.requiresGrad_(false)).toBe(m);
    expect(m.parameters().map((p) => p.requiresGrad)).toEqual([false, false, false, false]);
    m.requiresGrad_();
    expect(m.parameters().every((p) => p.requiresGrad)).toBe(true);
  });
});

describe('ParameterList and ParameterDict', () => {
  it('register their parameters with the module holding them, and print as PyTorch', () => {
    class Holder extends nn.Module {
      list = new nn.ParameterList([zeros([2, 3]), new nn.Parameter(ones([4]))]);
      dict = new nn.ParameterDict({ left: zeros([2]) });
      forward(x: Tensor): Tensor {
        return x;
      }
    }
    const h = new Holder();
    expect(h.namedParameters().map(([k]) => k)).toEqual(['list.0', 'list.1', 'dict.left']);
    expect(h.list.at(0)).toBeInstanceOf(nn.Parameter);
    expect(h.list.at(0).requiresGrad).toBe(true);
    h.dict.set('right', ones([1]));
    expect(h.dict.keys()).toEqual(['left', 'right']);
    expect(h.getParameter('dict.right')).toBe(h.dict.get('right'));
    expect(String(h.list)).toBe(
      [
        'ParameterList(',
        '    (0): Parameter containing: [torch.float32 of size 2x3 (module-test)]',
        '    (1): Parameter containing: [torch.float32 of size 4 (module-test)]',
        ')',
      ].join('\n'),
    );
    expect(() => h.list.at(5)).toThrow(/ParameterList: index 5 is out of range for 2 parameters/);
    expect(() => h.dict.get('up')).toThrow(/ParameterDict: no parameter named 'up' \(have: left, right\)/);
  });
});

describe('hooks', () => {
  it('forward pre-hooks replace the arguments, forward hooks the output; handles remove them', () => {
    const m = new Affine();
    const pre = m.registerForwardPreHook((_m, args) => [(args[0] as Tensor).mul(10)]);
    const post = m.registerForwardHook((_m, args, out) => {
      expect(values(args[0] as Tensor)).toEqual([10, 10]);
      return (out as Tensor).neg();
    });
    expect(values(m(tensor([1, 1])))).toEqual([-21, -31]);
    pre.remove();
    post.remove();
    expect(values(m(tensor([1, 1])))).toEqual([3, 4]);
    expect(pre.id).not.toBe(post.id);
  });

  it("full backward hooks see the gradients of the call's inputs and outputs, and may replace the inputs'", () => {
    const m = new Affine();
    const seen: number[][][] = [];
    const handle = m.registerFullBackwardHook((_m, gradInput, gradOutput) => {
      seen.push([values(gradInput[0]!), values(gradOutput[0]!)]);
      return [gradInput[0]!.mul(100)];
    });
    const x = tensor([1, 1], { requiresGrad: true });
    const y = m(x);
    expect(y.gradFn?.name).toBe('BackwardHookFunctionBackward');
    y.backward(tensor([1, 2]));
    // dy/dx = w = [2, 3]: the input's gradient is [1, 2] * w, then scaled by the hook.
    expect(seen).toEqual([
      [
        [2, 6],
        [1, 2],
      ],
    ]);
    expect(values(x.grad)).toEqual([200, 600]);
    expect(values(m.w.grad)).toEqual([1, 2]);
    handle.remove();
    x.grad = null;
    m(x).backward(tensor([1, 2]));
    expect(values(x.grad)).toEqual([2, 6]);
  });

  it('full backward hooks run with null input gradients where no input requires grad', () => {
    const m = new Affine();
    const seen: unknown[] = [];
    m.registerFullBackwardPreHook((_m, gradOutput) => [gradOutput[0]!.mul(2)]);
    m.registerFullBackwardHook((_m, gradInput, gradOutput) => void seen.push(gradInput[0], values(gradOutput[0]!)));
    m(tensor([1, 1])).backward(tensor([1, 1]));
    expect(seen).toEqual([null, [2, 2]]);
    // The pre-hook doubled the gradient flowing on to the parameters.
    expect(values(m.b.grad)).toEqual([2, 2]);
  });

  it('a backward hook returning the wrong number of gradients is an error', () => {
    const m = new Affine();
    m.registerFullBackwardHook(() => []);
    const x = tensor([1, 1], { requiresGrad: true });
    expect(() => {
      m(x).sum().backward();
    }).toThrow(/Backward hook returned an invalid number of grad_input, got 0, but expected 1/);
    expect(x.grad).toBeNull();
  });
});
