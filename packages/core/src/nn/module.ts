import { getBackend } from '../backend/registry.js';
import { keep } from '../memory/scope.js';
import type { Tensor } from '../tensor.js';
import { isTensor } from '../tensor-brand.js';
import { isDType, type ToTarget } from '../ops/convert.js';
import { noGrad } from '../autograd/grad-mode.js';
import { Parameter } from './parameter.js';
import { moduleRepr } from './module-repr.js';
import { checkStateDict, typeName } from './state-dict.js';
import {
  ModuleHooks,
  type BackwardHook,
  type BackwardPreHook,
  type ForwardHook,
  type ForwardPreHook,
  type RemovableHandle,
} from './module-hooks.js';
import { checkName, joinName, notAMember, splitTarget } from './module-names.js';
import { ArgumentError, DeviceError, ValueError } from '../errors.js';

/**
 * A module is called as PyTorch's is, `model(x)`, with `forward`'s own types: the call runs the
 * forward pre-hooks, `forward`, the forward hooks and sets up the backward hooks
 * (torch.nn.Module.__call__). `forward` can still be called directly; it runs no hooks.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- the call signature of the callable instances below
export interface Module {
  (...args: Parameters<this['forward']>): ReturnType<this['forward']>;
}

/**
 * The base of every layer (torch.nn.Module). Submodules and parameters assigned to fields
 * (`this.fc = new Linear(2, 3)`, `this.weight = new Parameter(...)`) are found by walking the
 * instance's own fields in assignment order, which is PyTorch's registration order, so a
 * subclass needs no registration calls (`registerParameter` and `registerModule` do the same
 * under a name given at run time). Buffers (running statistics) are registered explicitly with
 * `registerBuffer`, as in PyTorch, since plain tensors are not state; each is then an attribute.
 *
 * An instance is a function (so that `model(x)` works) whose prototype is the class's: fields,
 * methods and `instanceof` are as for any object. Its base fields are therefore set in the
 * constructor, on the function, rather than as class fields, which would land on the object
 * `new` made before the constructor replaced it.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging -- see the interface
export abstract class Module {
  declare training: boolean;
  declare private readonly buffers_: Map<string, { tensor: Tensor | null; persistent: boolean }>;
  declare private readonly hooks_: ModuleHooks<Module>;

  constructor() {
    const forward = (args: unknown[]): unknown => (call.forward as (...a: unknown[]) => unknown)(...args);
    const call = ((...args: unknown[]) => call.hooks_.call(call, forward, args)) as unknown as Module;
    // A function's own `name` and `length` are read-only: made writable, so that a subclass may
    // have fields of those names (a plain `this.name = ...` included).
    for (const [key, value] of [
      ['name', new.target.name],
      ['length', 0],
    ] as const)
      Object.defineProperty(call, key, { value, writable: true, enumerable: false, configurable: true });
    Object.setPrototypeOf(call, new.target.prototype);
    const fields = {
      training: true,
      buffers_: new Map(),
      hooks_: new ModuleHooks(),
    };
    for (const [key, value] of Object.entries(fields)) {
      Object.defineProperty(call, key, { value, writable: key === 'training', enumerable: false, configurable: true });
    }
    return call;
  }

  /** The computation; each layer has its own signature, as in PyTorch (`module.forward(x)`). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  abstract forward(...inputs: any[]): any;

  /** Runs `hook(module, args)` before each call's forward; what it returns replaces the arguments. */
  registerForwardPreHook(hook: ForwardPreHook<this>): RemovableHandle {
    return this.hooks_.forwardPre.add(hook as ForwardPreHook<Module>);
  }

  /** Runs `hook(module, args, output)` after each call's forward; what it returns replaces the output. */
  registerForwardHook(hook: ForwardHook<this>): RemovableHandle {
    return this.hooks_.forward.add(hook as ForwardHook<Module>);
  }

  /**
   * Runs `hook(module, gradInput, gradOutput)` in backward once the gradients of the call's
   * inputs are computed; an array it returns replaces `gradInput`.
   */
  registerFullBackwardHook(hook: BackwardHook<this>): RemovableHandle {
    return this.hooks_.backward.add(hook as BackwardHook<Module>);
  }

  /** Runs `hook(module, gradOutput)` in backward when the gradients of the call's outputs arrive. */
  registerFullBackwardPreHook(hook: BackwardPreHook<this>): RemovableHandle {
    return this.hooks_.backwardPre.add(hook as BackwardPreHook<Module>);
  }

  /** The module's own settings in its printed form, PyTorch's `extra_repr` (`in_features=2, ...`). */
  extraRepr(): string {
    return '';
  }

  /** PyTorch's printed form: `print(model)`, the tree of modules with their settings. */
  toString(): string {
    return moduleRepr(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  /**
   * A tensor that is state but not a parameter (running means), saved in the state dict if
   * persistent, and readable and assignable as an attribute (`bn.running_mean`).
   */
  registerBuffer(name: string, tensor: Tensor | null, persistent = true): void {
    checkName('registerBuffer', 'buffer', name);
    if (tensor !== null && !isTensor(tensor))
      throw new ArgumentError(
        `registerBuffer: cannot assign '${typeName(tensor)}' object to buffer '${name}' (Tensor or null required)`,
      );
    if (!this.buffers_.has(name)) {
      if (name in this) throw new ValueError(`registerBuffer: attribute '${name}' already exists`);
      Object.defineProperty(this, name, {
        get: () => this.buffers_.get(name)!.tensor,
        set: (t: Tensor | null) => {
          this.setBuffer(name, t);
        },
        enumerable: false,
        configurable: true,
      });
    }
    this.buffers_.set(name, { tensor: tensor === null ? null : keep(tensor), persistent });
  }

  /** A parameter under a name chosen at run time (`this[name] = param`); null registers none. */
  registerParameter(name: string, param: Parameter | null): void {
    checkName('registerParameter', 'parameter', name);
    if (param !== null && !(param instanceof Parameter))
      throw new ArgumentError(
        `registerParameter: cannot assign '${typeName(param)}' object to parameter '${name}' (Parameter or null required)`,
      );
    const current: unknown = (this as unknown as Record<string, unknown>)[name];
    if (name in this && !(current instanceof Parameter) && current !== null)
      throw new ValueError(`registerParameter: attribute '${name}' already exists`);
    this.setOwnParameter(name, param);
  }

  /** A submodule under a name chosen at run time (`this[name] = module`). */
  registerModule(name: string, module: Module | null): void {
    checkName('registerModule', 'module', name);
    if (module !== null && !(module instanceof Module))
      throw new ArgumentError(`registerModule: ${typeName(module)} is not a Module subclass`);
    const current: unknown = (this as unknown as Record<string, unknown>)[name];
    if (name in this && !(current instanceof Module) && current !== null)
      throw new ValueError(`registerModule: attribute '${name}' already exists`);
    (this as unknown as Record<string, unknown>)[name] = module;
  }

  /** PyTorch's `add_module`, the same as {@link registerModule}. */
  addModule(name: string, module: Module | null): void {
    this.registerModule(name, module);
  }

  /** The submodule at a dotted path ('' is this module): `model.getSubmodule('net.0')`. */
  getSubmodule(target: string): Module {
    if (target === '') return this;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk starts here and moves down
    let mod: Module = this;
    for (const item of target.split('.')) {
      const child = new Map(mod.namedChildren()).get(item);
      if (child === undefined) throw notAMember('getSubmodule', mod, item, 'Module', target);
      mod = child;
    }
    return mod;
  }

  /** The parameter at a dotted path: `model.getParameter('net.0.weight')`. */
  getParameter(target: string): Parameter {
    const [path, name] = splitTarget(target);
    const mod = this.getSubmodule(path);
    const p = new Map(mod.ownParameters()).get(name);
    if (p !== undefined) return p;
    throw notAMember('getParameter', mod, name, 'Parameter', target);
  }

  /** A registered buffer's current tensor, by name or dotted path: `model.getBuffer('bn.running_mean')`. */
  getBuffer(target: string): Tensor | null {
    const [path, name] = splitTarget(target);
    const mod = this.getSubmodule(path);
    const entry = mod.buffers_.get(name);
    if (entry !== undefined) return entry.tensor;
    throw notAMember('getBuffer', mod, name, 'buffer', target);
  }

  /** Replaces a registered buffer's tensor (batch norm's running statistics). */
  setBuffer(name: string, tensor: Tensor | null): void {
    const entry = this.buffers_.get(name);
    if (entry === undefined) throw new ValueError(`setBuffer: ${this.constructor.name} has no buffer named '${name}'`);
    entry.tensor = tensor === null ? null : keep(tensor);
  }

  /** Sets `requiresGrad` on every parameter (to freeze or unfreeze a model); returns the module. */
  requiresGrad_(requiresGrad = true): this {
    for (const p of this.parameters()) p.requiresGrad_(requiresGrad);
    return this;
  }

  /** Direct children, by field name (containers override this with their own names). */
  namedChildren(): [string, Module][] {
    return Object.entries(this).filter((e): e is [string, Module] => e[1] instanceof Module);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /**
   * This module and every descendant, depth first, with dotted names ('' for this one); a module
   * reached twice (shared) is listed once, under its first name, as PyTorch's `named_modules`.
   */
  namedModules(prefix = '', seen = new Set<Module>()): [string, Module][] {
    if (seen.has(this)) return [];
    seen.add(this);
    const out: [string, Module][] = [[prefix, this]];
    for (const [name, child] of this.namedChildren()) out.push(...child.namedModules(joinName(prefix, name), seen));
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /** This module's own parameters (not its children's), by field name. */
  protected ownParameters(): [string, Parameter][] {
    return Object.entries(this).filter((e): e is [string, Parameter] => e[1] instanceof Parameter);
  }

  /** Puts a parameter under one of this module's own names (containers keep theirs elsewhere). */
  protected setOwnParameter(name: string, p: Parameter | null): void {
    (this as unknown as Record<string, unknown>)[name] = p;
  }

  namedParameters(prefix = '', recurse = true): [string, Parameter][] {
    const seen = new Set<Parameter>();
    const out: [string, Parameter][] = [];
    const modules: [string, Module][] = recurse ? this.namedModules(prefix) : [[prefix, this]];
    for (const [path, m] of modules) {
      for (const [name, p] of m.ownParameters()) {
        if (seen.has(p)) continue; // a shared parameter is listed once, as in PyTorch
        seen.add(p);
        out.push([joinName(path, name), p]);
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
      for (const [name, { tensor }] of m.buffers_) if (tensor !== null) out.push([joinName(path, name), tensor]);
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
  to(target: ToTarget): this {
    const device = typeof target === 'string' ? target : target.device;
    // An unknown device is the first thing wrong, wherever the tensors are.
    if (device !== undefined && !isDType(device)) getBackend(device);
    const offHost = this.stateTensors().find(
      (t) => t.backend.readSync === undefined && device !== undefined && t.device !== device && !isDType(device),
    );
    if (offHost !== undefined) {
      throw new DeviceError(
        `to: this module's tensors are on device '${offHost.device}', whose values are read only asynchronously: ` +
          `move them with the awaited form, \`await model.toAsync(${JSON.stringify(device)})\``,
      );
    }
    noGrad(() => {
      this.moveState((t) => t.to(target));
    });
    return this;
  }

  /** {@link to}, awaited: moves a module off a device whose values are read only asynchronously (WebGPU). */
  async toAsync(target: ToTarget): Promise<this> {
    const moved = new Map<Tensor, Tensor>();
    for (const t of this.stateTensors()) moved.set(t, await t.detach().toAsync(target));
    this.moveState((t) => moved.get(t)!);
    return this;
  }

  /** Every parameter and buffer of this module and its descendants. */
  private stateTensors(): Tensor[] {
    const out: Tensor[] = [];
    for (const m of this.modules()) {
      for (const [, p] of m.ownParameters()) out.push(p);
      for (const entry of m.buffers_.values()) if (entry.tensor !== null) out.push(entry.tensor);
    }
    return out;
  }

  /** Replaces every parameter (by a new Parameter) and buffer by what `move` makes of it. */
  private moveState(move: (t: Tensor) => Tensor): void {
    for (const m of this.modules()) {
      for (const [name, p] of m.ownParameters()) m.setOwnParameter(name, new Parameter(move(p), p.requiresGrad));
      for (const entry of m.buffers_.values()) if (entry.tensor !== null) entry.tensor = keep(move(entry.tensor));
    }
  }

  /** Parameters and persistent buffers by dotted name, detached (torch's state_dict). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.namedParameters()) out[name] = p.detach();
    for (const [path, m] of this.namedModules()) {
      for (const [name, { tensor, persistent }] of m.buffers_) {
        if (tensor !== null && persistent) out[joinName(path, name)] = tensor.detach();
      }
    }
    return out;
  }

  /**
   * Copies values from a state dict. With `strict` (the default), missing or unexpected keys are
   * an error; a value that is not a tensor, or of another shape, always is one (a FormatError,
   * PyTorch's "Error(s) in loading state_dict"). Everything is checked, and converted to each
   * parameter's dtype and device, before anything is copied, so after an error the module holds
   * exactly what it held before.
   */
  loadStateDict(state: Record<string, Tensor>, strict = true): { missingKeys: string[]; unexpectedKeys: string[] } {
    const { pairs, missingKeys, unexpectedKeys } = checkStateDict(
      this.constructor.name,
      this.stateDict(),
      state,
      strict,
    );
    noGrad(() => {
      // Every value on the parameter's device and dtype first: a move that fails (a device read
      // only asynchronously) fails before the first copy.
      const staged = pairs.map(([mine, t]) => [mine, t.to({ dtype: mine.dtype, device: mine.device })] as const);
      for (const [mine, t] of staged) mine.copy_(t);
    });
    return { missingKeys, unexpectedKeys };
  }
}

// A module is a function: its methods come after Function's (`call`, `bind`, `name`, which its
// type has), so that what the type says a module has, it has.
Object.setPrototypeOf(Module.prototype, Function.prototype);
