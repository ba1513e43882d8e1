import { ArgumentError, FormatError, nn, ones, safetensors, tensor, type Tensor } from '@ag/core';
import { bad } from './entry.js';
import { oneEntry, safetensorsBytes, steppedSgd } from './helpers.js';

/**
 * State dicts that do not fit what loads them, and safetensors bytes that are not a valid file.
 * A refused load copies nothing: the module's parameters and the optimizer's state are as before.
 */

function stateDictEntries() {
  const linear = () => new nn.Linear(2, 2);
  return [
    bad({
      name: 'Module.loadStateDict: missing keys',
      setup: () => ({ module: linear() }),
      call: ({ module }) => module.loadStateDict({ weight: ones([2, 2]) }),
      throws: FormatError,
      message: /loading state_dict for Linear:[\s\S]*Missing key\(s\) in state_dict: "bias"/,
    }),
    bad({
      name: 'Module.loadStateDict: an unexpected key',
      setup: () => ({ module: linear() }),
      call: ({ module }) => module.loadStateDict({ weight: ones([2, 2]), bias: ones([2]), extra: ones([1]) }),
      throws: FormatError,
      message: /loading state_dict for Linear:[\s\S]*Unexpected key\(s\) in state_dict: "extra"/,
    }),
    bad({
      // The weight would fit: it must not be copied while the bias is refused.
      name: 'Module.loadStateDict: a bias of the wrong shape',
      setup: () => ({ module: linear() }),
      call: ({ module }) => module.loadStateDict({ weight: ones([2, 2]), bias: ones([3]) }),
      throws: FormatError,
      message:
        /size mismatch for bias: copying a param with shape \[3\] from checkpoint, the shape in current model is \[2\]/,
    }),
    bad({
      name: 'Module.loadStateDict: a nested module missing a key',
      setup: () => ({ module: new nn.Sequential(new nn.Linear(2, 2), new nn.Linear(2, 1)) }),
      call: ({ module }) =>
        module.loadStateDict({ '0.weight': ones([2, 2]), '0.bias': ones([2]), '1.weight': ones([1, 2]) }),
      throws: FormatError,
      message: /loading state_dict for Sequential:[\s\S]*Missing key\(s\) in state_dict: "1\.bias"/,
    }),
    bad({
      name: 'Module.loadStateDict: a value that is not a tensor',
      setup: () => ({ module: linear() }),
      call: ({ module }) =>
        module.loadStateDict({
          weight: [
            [1, 2],
            [3, 4],
          ] as unknown as Tensor,
          bias: ones([2]),
        }),
      throws: FormatError,
      message: /loading state_dict for Linear:[\s\S]*value for weight: expected a Tensor, got Array/,
    }),
    bad({
      name: 'Optimizer.loadStateDict: another number of parameter groups',
      setup: () => steppedScene(),
      call: ({ optimizer }) => {
        optimizer.loadStateDict({ state: {}, paramGroups: [] });
      },
      throws: FormatError,
      message: /SGD: loaded state dict has 0 parameter groups, the optimizer has 1/,
    }),
    bad({
      name: 'Optimizer.loadStateDict: a group with another number of parameters',
      setup: () => steppedScene(),
      call: ({ optimizer }) => {
        optimizer.loadStateDict({ state: {}, paramGroups: [{ ...optimizer.paramGroups[0]!, params: [0, 1] }] });
      },
      throws: FormatError,
      message: /SGD: loaded state dict's group 0 has 2 parameters, the optimizer's has 1/,
    }),
    bad({
      name: 'Optimizer.loadStateDict: not a state dict',
      setup: () => steppedScene(),
      call: ({ optimizer }) => {
        optimizer.loadStateDict({} as never);
      },
      throws: FormatError,
      message: /SGD: loaded state dict has no paramGroups array \(got undefined\)/,
    }),
    bad({
      name: 'Optimizer.loadStateDict: state for a parameter index it does not have',
      setup: () => steppedScene(),
      call: ({ optimizer }) => {
        optimizer.loadStateDict({
          state: { 5: { momentumBuffer: ones([2]) } },
          paramGroups: [{ ...optimizer.paramGroups[0]!, params: [0] }],
        });
      },
      throws: FormatError,
      message: /SGD: loaded state dict has state for parameter '5', the optimizer has parameters 0 to 0/,
    }),
  ];
}

function steppedScene() {
  const { param, optimizer } = steppedSgd();
  return { tensors: [param], optimizer };
}

function safetensorsEntries() {
  const file = (header: string, data: number) => () => ({ bytes: safetensorsBytes(header, data) });
  const entries: [string, () => { bytes: Uint8Array }, RegExp][] = [
    [
      'a file shorter than the header length',
      () => ({ bytes: new Uint8Array(3) }),
      /got a file of 3 bytes, expected at least 8/,
    ],
    [
      'a header length past the end',
      () => ({ bytes: new Uint8Array([255, 0, 0, 0, 0, 0, 0, 0, 123]) }),
      /the header claims 255 bytes, but the 9-byte file has 1 after the length/,
    ],
    [
      'a header length of 2^60',
      () => {
        const bytes = new Uint8Array(16);
        new DataView(bytes.buffer).setBigUint64(0, 2n ** 60n, true);
        return { bytes };
      },
      /the header claims 1152921504606846976 bytes, expected at most \d+/,
    ],
    ['a header that is not JSON', file('{{', 0), /the header is not valid JSON \(.*\), expected a JSON object/],
    ['a header that is a JSON array', file('[1]', 0), /the header starts with "\[1\]", expected a JSON object/],
    [
      'an unknown dtype',
      file(oneEntry('Q9', [1], [0, 4]), 4),
      /tensor "a" has dtype "Q9", expected one of BOOL, .*F32/,
    ],
    [
      'a negative size',
      file(oneEntry('F32', [-1], [0, 4]), 4),
      /tensor "a" has shape \[-1\], expected an array of non-negative integers/,
    ],
    [
      'offsets that do not span the shape',
      file(oneEntry('F32', [2], [0, 4]), 4),
      /tensor "a" of dtype F32 and shape \[2\] spans 4 bytes \[0, 4\), expected 2 \* 4 bytes/,
    ],
    [
      'data past the end of the file',
      file(oneEntry('F32', [2], [0, 8]), 4),
      /tensor "a" has data_offsets \[0, 8\], expected 0 <= begin <= end <= 4/,
    ],
    [
      'overlapping tensors',
      file(
        JSON.stringify({
          a: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
          b: { dtype: 'F32', shape: [1], data_offsets: [0, 4] },
        }),
        4,
      ),
      /tensor "b" starts at byte 0 of the data, expected 4 where "a" ends/,
    ],
  ];
  return [
    ...entries.map(([what, setup, message]) =>
      bad({
        name: `safetensors.load: ${what}`,
        setup,
        call: ({ bytes }) => safetensors.load(bytes),
        throws: FormatError,
        message: new RegExp(`^safetensors\\.load: ${message.source}.*; nothing was loaded$`),
      }),
    ),
    bad({
      name: 'safetensors.deserialize: trailing bytes no tensor covers, from an ArrayBuffer',
      setup: () => ({ bytes: safetensorsBytes(oneEntry('F32', [1], [0, 4]), 8) }),
      call: ({ bytes }) => safetensors.deserialize(bytes.buffer),
      throws: FormatError,
      message: /^safetensors\.deserialize: the tensors cover 4 bytes of data, but 8 follow the header/,
    }),
    bad({
      name: 'safetensors.load: a string instead of bytes',
      setup: () => ({ tensors: [tensor([1])] }),
      call: () => safetensors.load('model.safetensors' as unknown as Uint8Array),
      throws: ArgumentError,
      message: /safetensors\.load: argument 1 \('bytes'\) got "model\.safetensors"/,
    }),
  ];
}

export const fileEntries = [...stateDictEntries(), ...safetensorsEntries()];
