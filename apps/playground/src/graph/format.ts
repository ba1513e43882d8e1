import type { TensorSummary } from './messages.js';

/** `[2, 2] float32`: a tensor's shape and dtype, as the node labels show them. */
export function shapeAndDtype(t: Pick<TensorSummary, 'shape' | 'dtype'>): string {
  return `[${t.shape.join(', ')}] ${t.dtype}`;
}

/**
 * The values of a repr on one line, for an edge or node label: `tensor([[6., 6.],\n [6., 6.]])`
 * gives `[[6., 6.], [6., 6.]]`; long ones are cut with an ellipsis. Null while values are unread.
 */
export function compactValues(t: TensorSummary, max = 36): string {
  if (t.repr === null) return shapeAndDtype(t);
  const body = t.repr.replace(/^tensor\(/, '');
  let end = body.length;
  if (body.startsWith('[')) {
    let depth = 0;
    for (let i = 0; i < body.length; i++) {
      if (body[i] === '[') depth++;
      else if (body[i] === ']' && --depth === 0) {
        end = i + 1;
        break;
      }
    }
  } else {
    const stop = body.search(/[,)]/);
    if (stop >= 0) end = stop;
  }
  const flat = body.slice(0, end).replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
