// Whole `docker service create` lines as they appear in lab notes and swarm tutorials (pasted after `--`, quoted, or
// over several lines with `\` continuations) → the environment envctl import writes for each.
import { describe, expect, it } from 'vitest';
import { usageErrorOf } from '../../support/expect-error.js';
import type { MapContext } from '../../../src/features/import/map-run-to-environment.js';
import { mapServiceToEnvironment } from '../../../src/features/import/map-service-to-environment.js';
import { parseDockerService } from '../../../src/features/import/parse-docker-run.js';
import { toDockerCommand } from '../../../src/features/import/split-run-line.js';
import { SERVICE_LINES as LINES } from './service-create-line-fixtures.js';

const ctx: MapContext = { cwd: '/home/al/lab', homeDir: '/home/al', readTextFile: () => 'WANDB_MODE=offline\n' };

/** A pasted line (one quoted string, split like a shell) → the imported environment. */
function importLine(line: string) {
  const command = toDockerCommand([line], { USER: 'al' });
  expect(command.kind).toBe('service');
  return mapServiceToEnvironment(parseDockerService(command.args), ctx);
}

describe('real-looking docker service create lines', () => {
  it.each(LINES)('%s', (line, key, fields) => {
    const env = importLine(line);
    expect(env.key).toBe(key);
    // The order in which the spec is written is tested separately (render-import-yaml); here: what is written.
    expect(env.fields).toStrictEqual(fields);
  });

  it('notes what a line asked of the docker CLI call itself, and the name the service gets', () => {
    const [line] = LINES[5] ?? [];
    expect(importLine(line ?? '').notes.map((n) => n.split(': ')[0])).toStrictEqual(['-d', '--with-registry-auth', '--network backend', '--name api']);
  });

  it('--name-as-env picks the key; the note names the service after it', () => {
    const command = toDockerCommand(['docker', 'service', 'create', '--name', 'web', 'nginx:1.25']);
    const env = mapServiceToEnvironment(parseDockerService(command.args), { ...ctx, envKey: 'front' });
    expect(env.key).toBe('front');
    expect(env.notes).toStrictEqual(['--name web: the service is named <project>-front (envctl names a service after its project and environment)']);
  });

  it('a line asking for what the spec cannot express is refused naming the flag, as the docker run import does', () => {
    const refused = (line: string) => usageErrorOf(() => importLine(line));
    expect(refused('docker service create --name db --secret db_password postgres:16').message).toBe(
      '--secret db_password cannot be expressed in an envctl spec: the spec has no Swarm secrets',
    );
    expect(refused('docker service create --name db --secret db_password postgres:16').hint).toBe('leave it out of the line to import the rest');
    expect(refused('docker service create --log-driver syslog nginx').message).toBe('--log-driver syslog cannot be expressed in an envctl spec: the spec has no logging settings');
    expect(refused('docker service create --mode replicated-job --max-concurrent 2 busybox true').message).toMatch(/^--mode replicated-job: a job runs to completion/);
    expect(refused('docker service create --publish 127.0.0.1:8080:80 nginx').message).toMatch(/^--publish 127\.0\.0\.1:8080:80: a service takes no host IP/);
    expect(refused('docker service create --gpus all nginx').message).toBe('unknown docker service create flag --gpus');
    expect(refused('docker service create nginx && docker service ls').message).toContain('shell operator `&&`');
  });
});
