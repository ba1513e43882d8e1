import type { Node } from './node.js';

/**
 * The nodes ready to run in a backward pass, handed out newest first (highest `sequenceNr`):
 * PyTorch's order, which walks a chain straight down and so keeps few gradients alive at once.
 * A binary max-heap, so that wide graphs (thousands of ready nodes) stay O(log n) per node.
 */
export class ReadyQueue {
  private readonly heap: Node[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(node: Node): void {
    const heap = this.heap;
    let i = heap.length;
    heap.push(node);
    // Sift up: move parents that are older than `node` down one level.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.sequenceNr >= node.sequenceNr) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = node;
  }

  /** Removes and returns the newest node; the queue must not be empty. */
  pop(): Node {
    const heap = this.heap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return top;
    // Sift down: the last leaf goes where the root was, then sinks below newer children.
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && heap[right]!.sequenceNr > heap[left]!.sequenceNr ? right : left;
      if (heap[child]!.sequenceNr <= last.sequenceNr) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
