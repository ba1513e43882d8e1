import { nn, safetensors, tensor } from '@ag/core';
import type { ScriptCase } from '../case.js';

/** The header of safetensors bytes, as text (8-byte little-endian length, then JSON). */
function header(bytes: Uint8Array): string {
  const n = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  return new TextDecoder().decode(bytes.subarray(8, 8 + n)).trimEnd();
}

/**
 * Checkpoints in the dtypes PyTorch writes, loaded onto the device under test and written back
 * as PyTorch's loader expects them. Values are closed forms (float16 1/3 is 1365/4096).
 */
export const checkpointDtypeScripts = [
  {
    id: 'safetensors/storage-dtypes-load-onto-the-device-and-save-back',
    run: async (check) => {
      const tensors = {
        h: tensor([1 / 3, -65504], { dtype: 'float16' }),
        b: tensor([1 / 3], { dtype: 'bfloat16' }),
        img: tensor(new Uint8Array([0, 128, 255])),
        q: tensor(new Int8Array([-128, 127])),
      };
      const bytes = await safetensors.save(tensors);
      check.equal(
        header(bytes),
        '{"b":{"dtype":"BF16","shape":[1],"data_offsets":[0,2]},"h":{"dtype":"F16","shape":[2],"data_offsets":[2,6]},' +
          '"q":{"dtype":"I8","shape":[2],"data_offsets":[6,8]},"img":{"dtype":"U8","shape":[3],"data_offsets":[8,11]}}',
        'header: the writer orders BF16, F16, I8, U8',
      );
      const data = bytes.subarray(bytes.length - 11);
      check.equal(Array.from(data.subarray(0, 6)), [0xab, 0x3e, 0x55, 0x35, 0xff, 0xfb], 'bits, little-endian');
      const back = safetensors.load(bytes);
      check.equal(back.h!.dtype, 'float16', 'F16 loads as float16');
      check.equal(await back.h!.toArray(), [1365 / 4096, -65504], 'float16 values');
      check.equal(await back.b!.toArray(), [171 / 512], 'bfloat16 values');
      check.equal([back.img!.dtype, await back.img!.toArray()], ['uint8', [0, 128, 255]], 'uint8');
      check.equal([back.q!.dtype, await back.q!.toArray()], ['int8', [-128, 127]], 'int8');
    },
  },
  {
    id: 'safetensors/batchnorm-num-batches-tracked-is-written-as-I64',
    run: async (check) => {
      const bn = new nn.BatchNorm1d(2);
      bn.forward(
        tensor([
          [1, 2],
          [3, 5],
        ]),
      );
      const bytes = await safetensors.save(bn.stateDict());
      check.equal(
        header(bytes).includes('"num_batches_tracked":{"dtype":"I64","shape":[]'),
        true,
        'num_batches_tracked as I64',
      );
      const loaded = safetensors.load(bytes);
      check.equal(loaded.num_batches_tracked!.dtype, 'int32', 'I64 loads as int32');
      check.equal(await loaded.num_batches_tracked!.toArray(), 1, 'one batch tracked');
    },
  },
] as const satisfies readonly ScriptCase[];
