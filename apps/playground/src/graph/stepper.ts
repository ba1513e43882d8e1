import { AccumulateGrad, type HookHandle, type Tensor } from '@ag/core';
import type { CapturedGraph } from './capture.js';
import { StepCommand, type GraphToPage, type StepGradient } from './messages.js';
import { summarize, summarizeNow } from './summary.js';

/** Thrown from a pre-hook when the page abandons the run (Reset): the engine writes no `.grad`. */
class StepAborted extends Error {
  constructor() {
    super('backward stopped by Reset');
  }
}

/** A gradient shown with no values yet (WebGPU), to read once the backward has ended. */
interface LateRead {
  phase: 'received' | 'computed';
  nodeId: string;
  at: number | string;
  grad: Tensor;
}

/**
 * Runs `backward()` on the shown tensor one node at a time, in the engine's own order, through
 * public API only: a pre-hook on every node (`node.registerPrehook`) posts the gradients it is
 * about to receive and blocks with `Atomics.wait` on `control` until the page writes a
 * {@link StepCommand}; a post hook (`node.registerHook`) posts the gradient it computed for each
 * of its edges. The backward keeps the graph (`retainGraph`), so it can be stepped again, and
 * the hooks are removed at the end however it ends.
 *
 * Values: inside a hook the worker cannot await, so a gradient's repr is sent at once where
 * its values are in host memory (CPU); elsewhere (WebGPU) the hook keeps the tensor and its
 * repr is read, awaited, once the backward has ended, and sent with `graph:step-done`.
 */
export async function stepBackward(
  graph: CapturedGraph,
  control: Int32Array,
  post: (msg: GraphToPage) => void,
): Promise<void> {
  const { graphId } = graph.data;
  const late: LateRead[] = [];
  const summary = (phase: LateRead['phase'], nodeId: string, at: number | string, g: Tensor | null): StepGradient => {
    if (g === null) return { at, grad: null };
    const s = summarizeNow(g);
    if (s.repr === null) late.push({ phase, nodeId, at, grad: g });
    return { at, grad: s };
  };
  let running = false; // 'Run to end' pressed: no more waiting
  const waitForPage = (): void => {
    if (running) return;
    while (Atomics.load(control, 0) === StepCommand.wait) Atomics.wait(control, 0, StepCommand.wait);
    const command = Atomics.exchange(control, 0, StepCommand.wait);
    if (command === StepCommand.abort) throw new StepAborted();
    if (command === StepCommand.run) running = true;
  };

  // Each node's incoming edges by input number: the gradient it computes for input i travels
  // along edge i. An AccumulateGrad's one edge (from its leaf) shows what accumulates.
  const edgesInto = new Map<string, Map<number, string>>();
  for (const e of graph.data.edges) {
    let m = edgesInto.get(e.to);
    if (m === undefined) edgesInto.set(e.to, (m = new Map<number, string>()));
    m.set(e.inputNr, e.id);
  }

  const handles: HookHandle[] = [];
  let order = 0;
  for (const [nodeId, node] of graph.nodes) {
    const edges = edgesInto.get(nodeId) ?? new Map<number, string>();
    handles.push(
      node.registerPrehook((gradOutputs) => {
        const grads = gradOutputs.map((g, i) => summary('received', nodeId, i, g));
        post({ type: 'graph:step-node', graphId, nodeId, order: order++, gradOutputs: grads });
        waitForPage();
      }),
      node.registerHook((gradInputs, gradOutputs) => {
        const computed = node instanceof AccumulateGrad ? [gradOutputs[0] ?? null] : gradInputs;
        const grads: StepGradient[] = [];
        computed.forEach((g, i) => {
          const edgeId = edges.get(i);
          if (edgeId !== undefined) grads.push(summary('computed', nodeId, edgeId, g));
        });
        post({ type: 'graph:step-edges', graphId, nodeId, grads });
      }),
    );
  }

  try {
    // backwardAsync: the same engine, and it also runs graphs that copy a gradient off WebGPU.
    await graph.root.backwardAsync(undefined, { retainGraph: true });
  } catch (e) {
    if (e instanceof StepAborted) post({ type: 'graph:step-reset', graphId });
    else post({ type: 'graph:step-error', graphId, message: e instanceof Error ? e.message : String(e) });
    return;
  } finally {
    for (const h of handles) h.remove();
  }

  const leafGrads: Record<string, Awaited<ReturnType<typeof summarize>> | null> = {};
  for (const [leafId, leaf] of graph.leaves) leafGrads[leafId] = leaf.grad === null ? null : await summarize(leaf.grad);
  const reads = [];
  for (const r of late) reads.push({ phase: r.phase, nodeId: r.nodeId, at: r.at, repr: await r.grad.repr() });
  post({ type: 'graph:step-done', graphId, leafGrads, late: reads });
}
