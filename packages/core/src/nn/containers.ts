import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { moduleListRepr } from './module-repr.js';
import { IndexError, ValueError } from '../errors.js';

/** Modules run one after another (torch.nn.Sequential); children are named '0', '1', ... */
export class Sequential extends Module {
  private readonly layers: Module[];

  constructor(...layers: Module[]) {
    super();
    this.layers = layers;
  }

  override namedChildren(): [string, Module][] {
    return this.layers.map((m, i) => [String(i), m]);
  }

  override get length(): number {
    return this.layers.length;
  }

  at(i: number): Module {
    const m = this.layers.at(i);
    if (m === undefined)
      throw new IndexError(`Sequential: index ${i} is out of range for ${this.layers.length} layers`);
    return m;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    // Called, not `forward`ed, so that each layer's hooks run, as in PyTorch.
    for (const layer of this.layers) y = layer(y) as Tensor;
    return y;
  }
}

/** A list of modules whose parameters are registered (torch.nn.ModuleList). */
export class ModuleList<M extends Module = Module> extends Module {
  private readonly items: M[];

  constructor(modules: Iterable<M> = []) {
    super();
    this.items = [...modules];
  }

  override namedChildren(): [string, Module][] {
    return this.items.map((m, i) => [String(i), m]);
  }

  append(m: M): this {
    this.items.push(m);
    return this;
  }

  override get length(): number {
    return this.items.length;
  }

  at(i: number): M {
    const m = this.items.at(i);
    if (m === undefined)
      throw new IndexError(`ModuleList: index ${i} is out of range for ${this.items.length} modules`);
    return m;
  }

  [Symbol.iterator](): Iterator<M> {
    return this.items[Symbol.iterator]();
  }

  /** PyTorch's ModuleList printed form, which lists repeated modules once: `(0-2): 3 x Linear(...)`. */
  override toString(): string {
    return moduleListRepr(this.constructor.name, this.items);
  }

  forward(): never {
    throw new ValueError('ModuleList: a ModuleList has no forward; iterate over it in your own forward');
  }
}

/** Modules by name (torch.nn.ModuleDict). */
export class ModuleDict extends Module {
  private readonly items = new Map<string, Module>();

  constructor(modules: Record<string, Module> = {}) {
    super();
    for (const [k, m] of Object.entries(modules)) this.items.set(k, m);
  }

  override namedChildren(): [string, Module][] {
    return [...this.items];
  }

  get(name: string): Module {
    const m = this.items.get(name);
    if (m === undefined)
      throw new IndexError(`ModuleDict: no module named '${name}' (have: ${[...this.items.keys()].join(', ')})`);
    return m;
  }

  set(name: string, m: Module): void {
    this.items.set(name, m);
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  forward(): never {
    throw new ValueError('ModuleDict: a ModuleDict has no forward; look modules up in your own forward');
  }
}
