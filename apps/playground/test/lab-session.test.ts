import { registerBackend } from '@ag/core';
import { cpu } from '@ag/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionToPage } from '../src/lab/messages.ts';
import { BOUNDARY_SIZE, LabSession, NEURON_SIZE } from '../src/lab/session.ts';
import { DEFAULT_SETTINGS } from '../src/lab/settings.ts';

beforeAll(() => {
  registerBackend(cpu());
});

/** A session whose posts are collected. */
function session(): { s: LabSession; sent: SessionToPage[] } {
  const sent: SessionToPage[] = [];
  const s = new LabSession((msg) => sent.push(msg));
  return { s, sent };
}

const of = <T extends SessionToPage['type']>(sent: SessionToPage[], type: T): Extract<SessionToPage, { type: T }>[] =>
  sent.filter((m): m is Extract<SessionToPage, { type: T }> => m.type === type);

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 2000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('lab session (the worker without the worker)', () => {
  it('reset sends the points, a progress report at step 0 and a boundary map', async () => {
    const { s, sent } = session();
    await s.receive({ type: 'lab:reset', settings: { ...DEFAULT_SETTINGS } });
    const [ready] = of(sent, 'lab:ready');
    expect(ready!.points.labels).toHaveLength(400);
    expect(ready!.points.xy).toHaveLength(800);
    expect(ready!.points.train).toBe(280);
    expect(of(sent, 'lab:progress')[0]!.progress).toMatchObject({ steps: 0, running: false, stepsPerSecond: null });
    const [map] = of(sent, 'lab:boundary');
    expect(map!.map.probs).toHaveLength(BOUNDARY_SIZE * BOUNDARY_SIZE * 2);
    expect(map!.neurons.widths).toEqual([16, 16]);
    expect(map!.neurons.values.map((v) => v.length)).toEqual([NEURON_SIZE ** 2 * 16, NEURON_SIZE ** 2 * 16]);
    // probabilities of each grid point sum to 1
    expect(map!.map.probs[0]! + map!.map.probs[1]!).toBeCloseTo(1, 5);
  });

  it('step takes exactly one step; start runs until pause; a reset starts a new run at step 0', async () => {
    const { s, sent } = session();
    await s.receive({ type: 'lab:reset', settings: { ...DEFAULT_SETTINGS } });
    await s.receive({ type: 'lab:step' });
    expect(of(sent, 'lab:progress').at(-1)!.progress.steps).toBe(1);
    await s.receive({ type: 'lab:start' });
    await until(() => of(sent, 'lab:progress').at(-1)!.progress.steps >= 30);
    await s.receive({ type: 'lab:pause' });
    const paused = of(sent, 'lab:progress').at(-1)!.progress;
    expect(paused.running).toBe(false);
    expect(paused.stepsPerSecond).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect(of(sent, 'lab:progress').at(-1)!.progress.steps).toBe(paused.steps); // nothing ran after the pause

    await s.receive({ type: 'lab:start' });
    await until(() => of(sent, 'lab:progress').at(-1)!.progress.steps > paused.steps);
    await s.receive({ type: 'lab:reset', settings: { ...DEFAULT_SETTINGS, dataset: 'xor' } });
    const runs = of(sent, 'lab:ready').map((m) => m.run);
    expect(runs).toEqual([1, 2]);
    const after = sent.slice(sent.findLastIndex((m) => m.type === 'lab:ready'));
    expect(of(after, 'lab:progress').map((m) => [m.run, m.progress.steps])).toEqual([[2, 0]]);
    await new Promise((r) => setTimeout(r, 100));
    expect(of(sent, 'lab:progress').at(-1)!.progress.steps).toBe(0); // the old run's loop ended
  });

  it('a task that fails in the queue (the worker starting a backend) is reported, not thrown', async () => {
    const { s, sent } = session();
    await s.enqueue(() => Promise.reject(new Error('WebGPU: no adapter')));
    expect(of(sent, 'lab:error')).toEqual([{ type: 'lab:error', message: 'WebGPU: no adapter' }]);
    await s.receive({ type: 'lab:reset', settings: { ...DEFAULT_SETTINGS } }); // and the queue goes on
    expect(of(sent, 'lab:ready')).toHaveLength(1);
  });

  it('a diverging run pauses with a message saying what to do', async () => {
    const { s, sent } = session();
    await s.receive({
      type: 'lab:reset',
      settings: { ...DEFAULT_SETTINGS, optimizer: 'sgd', lr: 10, hidden: [64, 64, 64, 64] },
    });
    await s.receive({ type: 'lab:start' });
    await until(() => of(sent, 'lab:error').length > 0);
    expect(of(sent, 'lab:error')[0]!.message).toMatch(
      /^training diverged at step \d+ \(loss (NaN|Infinity)\): lower the learning rate and press Reset$/,
    );
  });
});
