import type { DType } from '../dtype.js';
import { keep } from '../memory/scope.js';
import { formatShape, shapesEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { noGrad } from '../autograd/grad-mode.js';
import { Parameter } from './parameter.js';

/**
 * The base of every layer (torch.nn.Module). Submodules and parameters assigned to fields
 * (`this.fc = new Linear(2, 3)`, `this.weight = new Parameter(...)`) are found by walking the
 * instance's own fields in assignment order, which is PyTorch's registration order, so a
 * subclass needs no registration calls. Buffers (running statistics) are registered
 * explicitly with `registerBuffer`, as in PyTorch, since plain tensors are not state.
 */
export abstract class Module {
  training = true;
  private readonly buffers_ = new Map<string, { tensor: Tensor | null; persistent: boolean }>();

  /** The computation; each layer has its own signature, as in PyTorch (`module.forward(x)`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  abstract forward(...inputs: any[]): any;

  /** A tensor that is state but not a parameter (running means), saved in the state dict if persistent. */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    this.buffers_.set(name, { tensor: tensor === null ? null : keep(tensor), persistent });
  }

  /** A registered buffer's current tensor. */
  getBuffer(name: string): Tensor | null {
    const entry = this.buffers_.get(name);
    if (entry === undefined) throw new Error(`${this.constructor.name}: no buffer named '${name}'`);
    return entry.tensor;
  }

  /** Replaces a registered buffer's tensor (batch norm's running statistics). */
  setBuffer(name: string, tensor: Tensor): void {
    const entry = this.buffers_.get(name);
    if (entry === undefined) throw new Error(`${this.constructor.name}: no buffer named '${name}'`);
    entry.tensor = keep(tensor);
  }

  /** Direct children, by field name (containers override this with their own names). */
  namedChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module and every descendant, depth first, with dotted names ('' for this one). */
  namedModules(prefix = ''): [string, Module][] {
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(join(prefix, name)));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** This module's own parameters (not its children's), by field name. */
  protected ownParameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  namedParameters(prefix = '', recurse = true): [string, Parameter][] {
    const seen = new Set<Parameter>();
    const out: [string, Parameter][] = [];
    const modules: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [path, m] of modules) {
      for (const [name, p] of m.ownParameters()) {
        if (seen.has(p)) continue; // a shared parameter is listed once, as in PyTorch
        seen.add(p);
        out.push([join(path, name), p]);
      }
    }
    return out;
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters('', recurse).map(([, p]) => p);
  }

  namedBuffers(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [path, m] of this.namedModules(prefix)) {
      for (const [name, { tensor }] of m.buffers_) if (tensor !== null) out.push([join(path, name), tensor]);
    }
    return out;
  }

  buffers(): Tensor[] {
    return this.namedBuffers().map(([, t]) => t);
  }

  /** Training mode (dropout active, batch norm updating its statistics) for this module and its children. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's `.grad` (PyTorch's default `set_to_none=True`). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Calls `fn` on every module, children first (for custom initialisation). */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /**
   * Moves (or casts) every parameter and buffer. Parameters are replaced by new Parameter
   * objects, so create optimizers after `to`, as PyTorch's documentation advises.
   */
  to(target: string | { device?: string; dtype?: DType }): this {
    noGrad(() => {
      for (const m of this.modules()) {
        for (const [name, p] of m.ownParameters()) {
          const moved = new Parameter(p.detach().to(target), p.requiresGrad);
          (m as unknown as Record<string, unknown>)[name] = moved;
        }
        for (const entry of m.buffers_.values()) if (entry.tensor !== null) entry.tensor = entry.tensor.to(target);
      }
    });
    return this;
  }

  /** Parameters and persistent buffers by dotted name, detached (torch's state_dict). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.namedParameters()) out[name] = p.detach();
    for (const [path, m] of this.namedModules()) {
      for (const [name, { tensor, persistent }] of m.buffers_) {
        if (tensor !== null && persistent) out[join(path, name)] = tensor.detach();
      }
    }
    return out;
  }

  /**
   * Copies values from a state dict. With `strict` (the default), missing or unexpected keys are
   * an error; a shape mismatch is always one. Everything is checked before anything is copied.
   */
  loadStateDict(state: Record<string, Tensor>, strict = true): { missingKeys: string[]; unexpectedKeys: string[] } {
    const own = this.stateDict();
    const missingKeys = Object.keys(own).filter((k) => !(k in state));
    const unexpectedKeys = Object.keys(state).filter((k) => !(k in own));
    const problems: string[] = [];
    if (strict && missingKeys.length > 0)
      problems.push(`Missing key(s) in state_dict: ${missingKeys.map((k) => `"${k}"`).join(', ')}.`);
    if (strict && unexpectedKeys.length > 0)
      problems.push(`Unexpected key(s) in state_dict: ${unexpectedKeys.map((k) => `"${k}"`).join(', ')}.`);
    for (const [k, t] of Object.entries(state)) {
      const mine = own[k];
      if (mine !== undefined && !shapesEqual(mine.shape, t.shape)) {
        problems.push(
          `size mismatch for ${k}: copying a param with shape ${formatShape(t.shape)} from checkpoint, the shape in current model is ${formatShape(mine.shape)}.`,
        );
      }
    }
    if (problems.length > 0) {
      throw new Error(`Error(s) in loading state_dict for ${this.constructor.name}:\n\t${problems.join('\n\t')}`);
    }
    noGrad(() => {
      for (const [k, mine] of Object.entries(own)) {
        const source = state[k];
        if (source !== undefined) mine.copy_(source);
      }
    });
    return { missingKeys, unexpectedKeys };
  }
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}
