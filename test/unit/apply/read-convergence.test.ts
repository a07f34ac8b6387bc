// How the convergence wait reads a service and its tasks: counted only once on the new template, the engine's own
// rollback and pause outcomes, a task no node can take (after a short grace), an image no node can get.
import { describe, expect, it } from 'vitest';
import { readConvergence } from '../../../src/apply/read-convergence.js';
import type { ObservedService, ObservedTask } from '../../../src/engine/swarm-engine.js';
import type { Convergence } from '../../../src/plan/plan-types.js';

const NEW = { ContainerSpec: { Image: 'reg/app:2' } };
const OLD = { ContainerSpec: { Image: 'reg/app:1' } };
const goal: Convergence = { service: 'p-web', replicas: 2, global: false, rollback: true };

const service = (over: Partial<ObservedService> = {}): ObservedService => ({
  id: 's1',
  name: 'p-web',
  version: 7,
  project: 'p',
  envName: 'web',
  spec: { Name: 'p-web', Labels: {}, TaskTemplate: NEW, Mode: { Replicated: { Replicas: 2 } } },
  updateState: null,
  updateMessage: '',
  runningTasks: null,
  desiredTasks: null,
  ...over,
});

let n = 0;
const task = (over: Partial<ObservedTask>): ObservedTask => ({
  id: `t${++n}`,
  serviceId: 's1',
  slot: 1,
  nodeId: 'n1',
  desiredState: 'running',
  state: 'running',
  message: '',
  error: '',
  template: NEW,
  updatedAt: `2026-01-01T00:00:0${n % 10}Z`,
  assignedResources: [],
  ...over,
});

const none: { state: string | null; message: string } = { state: null, message: '' };
const read = (s: ObservedService, tasks: ObservedTask[], baseline = none, pending = new Map<string, number>(), now = 0) =>
  readConvergence(goal, s, tasks, baseline, pending, now, 3000);

describe('readConvergence', () => {
  it('is done once every replica runs the new template, and not while an old task is still wanted', () => {
    expect(read(service(), [task({}), task({})])).toMatchObject({ running: 2, wanted: 2, done: true, failure: null });
    const midway = read(service(), [task({}), task({ template: OLD })]);
    expect(midway).toMatchObject({ running: 1, wanted: 2, done: false });
    // start-first: the old task is told to shut down once its replacement runs; it no longer counts.
    expect(read(service(), [task({}), task({}), task({ template: OLD, desiredState: 'shutdown' })]).done).toBe(true);
  });

  it('counts a task as up to date although it does not echo the stop grace period and runtime the service keeps', () => {
    const kept = service({ spec: { Name: 'p-web', Labels: {}, TaskTemplate: { ...NEW, ContainerSpec: { ...NEW.ContainerSpec, StopGracePeriod: 1e10 }, Runtime: 'container' } as never, Mode: { Replicated: { Replicas: 2 } } } });
    expect(read(kept, [task({}), task({})])).toMatchObject({ running: 2, done: true });
  });

  it('reports a rollback the engine made, with the last task error, and ignores the outcome of an earlier update', () => {
    const rolled = service({ updateState: 'rollback_completed', updateMessage: 'update rolled back due to failure or early termination of task t9' });
    // The failed task is of the new template; the service runs the old one again.
    const tasks = [task({ template: OLD }), task({ template: OLD }), task({ state: 'failed', desiredState: 'shutdown', error: 'task: non-zero exit (3)' })];
    const r = read({ ...rolled, spec: { ...rolled.spec, TaskTemplate: OLD } }, tasks);
    expect(r.rolledBack).toBe(true);
    expect(r.failure).toBe('rolled back: update rolled back due to failure or early termination of task t9 (last task error: task: non-zero exit (3))');
    // Once done the engine only says "rollback completed": the reason it gave when it started is kept.
    const baseline: { state: string | null; message: string } = { ...none };
    read(service({ updateState: 'rollback_started', updateMessage: 'update rolled back due to failure or early termination of task t9' }), tasks, baseline);
    const done = read({ ...rolled, updateMessage: 'rollback completed', spec: { ...rolled.spec, TaskTemplate: OLD } }, tasks, baseline);
    expect(done.failure).toBe('rolled back: update rolled back due to failure or early termination of task t9 (last task error: task: non-zero exit (3))');
    // The same state seen before envctl's update is the last update's, not this one's.
    const stale = read(rolled, [task({}), task({})], { state: 'rollback_completed', message: rolled.updateMessage });
    expect(stale).toMatchObject({ failure: null, done: true });
  });

  it('says a paused update is paused, in the engine\'s words', () => {
    const r = read(service({ updateState: 'paused', updateMessage: 'update paused due to failure or early termination of task t3' }), [task({})]);
    expect(r.failure).toBe('update paused: update paused due to failure or early termination of task t3');
  });

  it('fails on a task no node can take only once it stayed pending for the grace period', () => {
    const pending = new Map<string, number>();
    const stuck = task({ state: 'pending', error: 'no suitable node (insufficient resources on 3 nodes)' });
    const first = read(service(), [task({}), stuck], none, pending, 1000);
    expect(first.failure).toBeNull();
    expect(first.note).toBe('1 pending: no suitable node (insufficient resources on 3 nodes)');
    const later = read(service(), [task({}), stuck], none, pending, 4000);
    expect(later.failure).toBe('1/2 running: no suitable node (insufficient resources on 3 nodes)');
  });

  it('fails at once when a node cannot get the image', () => {
    const r = read(service(), [task({ state: 'rejected', desiredState: 'shutdown', error: 'No such image: reg/app:2' })]);
    expect(r.failure).toBe('0/2 running: the image cannot be had on a node (No such image: reg/app:2)');
  });

  it('counts a global service\'s wanted tasks from the tasks the engine made', () => {
    const r = readConvergence({ ...goal, global: true, replicas: 0 }, service(), [task({}), task({ state: 'starting' }), task({})], none, new Map(), 0, 3000);
    expect(r).toMatchObject({ running: 2, wanted: 3, done: false });
  });
});
