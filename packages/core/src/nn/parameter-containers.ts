import type { Tensor } from '../tensor.js';
import { Module } from './module.js';
import { Parameter } from './parameter.js';
import { IndexError, ValueError } from '../errors.js';

/** A tensor given to a parameter container becomes a Parameter, as PyTorch's containers make it. */
function asParameter(t: Tensor): Parameter {
  return t instanceof Parameter ? t : new Parameter(t);
}

/** One line of a parameter container's printed form: `(0): Parameter containing: [torch.float32 of size 2x3]`. */
function describe(key: string, p: Parameter): string {
  // PyTorch names the device of an accelerator's parameter, not the CPU's.
  const device = p.device === 'cpu' ? '' : ` (${p.device})`;
  return `  (${key}): Parameter containing: [torch.${p.dtype} of size ${p.shape.join('x')}${device}]`;
}

/** A list of parameters registered with the module that holds it (torch.nn.ParameterList). */
export class ParameterList extends Module {
  private readonly items: Parameter[] = [];

  constructor(values: Iterable<Tensor> = []) {
    super();
    this.extend(values);
  }

  protected override ownParameters(): [string, Parameter][] {
    return this.items.map((p, i) => [String(i), p]);
  }

  protected override setOwnParameter(name: string, p: Parameter | null): void {
    if (p !== null) this.items[Number(name)] = p;
  }

  append(value: Tensor): this {
    this.items.push(asParameter(value));
    return this;
  }

  extend(values: Iterable<Tensor>): this {
    for (const v of values) this.append(v);
    return this;
  }

  override get length(): number {
    return this.items.length;
  }

  /** The parameter at `i` (negative counts from the end). */
  at(i: number): Parameter {
    const p = this.items.at(i);
    if (p === undefined)
      throw new IndexError(`ParameterList: index ${i} is out of range for ${this.items.length} parameters`);
    return p;
  }

  /** Replaces the parameter at `i` (PyTorch's `plist[i] = value`). */
  set(i: number, value: Tensor): void {
    this.at(i);
    this.items[i < 0 ? this.items.length + i : i] = asParameter(value);
  }

  [Symbol.iterator](): Iterator<Parameter> {
    return this.items[Symbol.iterator]();
  }

  override extraRepr(): string {
    return this.items.map((p, i) => describe(String(i), p)).join('\n');
  }

  forward(): never {
    throw new ValueError('ParameterList: a ParameterList has no forward; use its parameters in your own forward');
  }
}

/** Parameters by name, registered with the module that holds them (torch.nn.ParameterDict). */
export class ParameterDict extends Module {
  private readonly items = new Map<string, Parameter>();

  constructor(values: Record<string, Tensor> | Iterable<[string, Tensor]> = {}) {
    super();
    this.update(values);
  }

  protected override ownParameters(): [string, Parameter][] {
    return [...this.items];
  }

  protected override setOwnParameter(name: string, p: Parameter | null): void {
    if (p !== null) this.items.set(name, p);
  }

  get(key: string): Parameter {
    const p = this.items.get(key);
    if (p === undefined)
      throw new IndexError(`ParameterDict: no parameter named '${key}' (have: ${[...this.items.keys()].join(', ')})`);
    return p;
  }

  set(key: string, value: Tensor): void {
    this.items.set(key, asParameter(value));
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Removes and returns the parameter under `key` (PyTorch's `pop`). */
  pop(key: string): Parameter {
    const p = this.get(key);
    this.items.delete(key);
    return p;
  }

  update(values: Record<string, Tensor> | Iterable<[string, Tensor]>): this {
    const entries = Symbol.iterator in values ? values : Object.entries(values);
    for (const [k, v] of entries) this.set(k, v);
    return this;
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  values(): Parameter[] {
    return [...this.items.values()];
  }

  /** PyTorch's `items()`: the (name, parameter) pairs in insertion order. */
  entries(): [string, Parameter][] {
    return [...this.items];
  }

  override get length(): number {
    return this.items.size;
  }

  override extraRepr(): string {
    return [...this.items].map(([k, p]) => describe(k, p)).join('\n');
  }

  forward(): never {
    throw new ValueError('ParameterDict: a ParameterDict has no forward; look parameters up in your own forward');
  }
}
