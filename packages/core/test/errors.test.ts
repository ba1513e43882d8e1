import { describe, expect, it } from 'vitest';
import {
  AgError,
  ArgumentError,
  AutogradError,
  DeviceError,
  DTypeError,
  FormatError,
  IndexError,
  OutOfMemoryError,
  ShapeError,
  ValueError,
} from '../src/index.js';

describe('error classes', () => {
  const classes = [
    [ShapeError, 'shape'],
    [DTypeError, 'dtype'],
    [DeviceError, 'device'],
    [IndexError, 'index'],
    [ValueError, 'value'],
    [AutogradError, 'autograd'],
    [OutOfMemoryError, 'memory'],
    [FormatError, 'format'],
  ] as const;

  it.each(classes)('%o is an AgError and an Error, with its kind and name', (Class, kind) => {
    const e = new Class('op: message');
    expect(e).toBeInstanceOf(Class);
    expect(e).toBeInstanceOf(AgError);
    expect(e).toBeInstanceOf(Error);
    expect(e.kind).toBe(kind);
    expect(e.name).toBe(Class.name); // written out in errors.ts, so it survives minification
    expect(e.message).toBe('op: message');
  });

  it('tells the kinds apart', () => {
    for (const [A] of classes) for (const [B] of classes) expect(new A('x') instanceof B).toBe(A === B);
    expect(new Error('x')).not.toBeInstanceOf(AgError);
    expect(new TypeError('x')).not.toBeInstanceOf(AgError);
  });

  it('makes ArgumentError both a TypeError and an AgError', () => {
    const e = new ArgumentError('add: argument 2');
    expect(e).toBeInstanceOf(TypeError);
    expect(e).toBeInstanceOf(AgError);
    expect(e).not.toBeInstanceOf(ShapeError);
    expect(e.kind).toBe('argument');
    expect(e.name).toBe('ArgumentError');
  });
});
