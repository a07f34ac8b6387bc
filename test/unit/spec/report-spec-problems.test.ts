// How problems in a spec are reported: all at once, located, with hints.
import { describe, expect, test } from 'vitest';
import { EnvctlError, SpecError } from '../../../src/errors/envctl-error.js';
import { loadSpec } from '../../../src/spec/load-spec.js';
import { problems, writeSpecFile } from './write-spec-file.js';
import { rejectionOf } from '../../support/expect-error.js';

describe('a user with a broken spec learns everything wrong with it in one run', () => {
  test('every problem in a spec is reported at once with file:line:col', async () => {
    const found = await problems(
      [
        'version: 1', //                             1
        'environments:', //                          2
        '  box:', //                                 3
        '    image: ubuntu:24.04', //                4
        '    shm_size: lots', //                     5
        '    tty: "yes"', //                         6
        '    ports: ["8080:80", "99999:22"]', //     7
        '  other:', //                               8
        '    image: ubuntu:24.04', //                9
        '    restart: sometimes', //                 10
      ].join('\n'),
    );
    expect(found).toEqual([
      'envctl.yaml:5:15: "lots" is not a size (use a number of bytes or a number with b, k, m or g, e.g. "512m" or "32g")',
      'envctl.yaml:6:10: `tty` must be true or false, found the string "yes"',
      'envctl.yaml:7:24: "99999:22" is not a port: host port 99999 is out of range (1-65535) (use "H:C", "IP:H:C", "IP::C", "C" or "H:C/udp")',
      'envctl.yaml:10:14: `restart` must be one of: no, always, unless-stopped, on-failure, on-failure:N, found the string "sometimes"',
    ]);
  });

  test('the error is a SpecError with code spec-invalid and the issues as data', async () => {
    const { file } = writeSpecFile('environments:\n  box:\n    image: x\n    tty: 3\n');
    const error = await rejectionOf(loadSpec(file, { environ: {}, displayPath: 'specs/envctl.yaml' }), SpecError);
    expect(error.code).toBe('spec-invalid');
    expect(error.message).toBe('specs/envctl.yaml:4:10: `tty` must be true or false, found the number 3');
    expect(error.issues).toEqual([
      { file: 'specs/envctl.yaml', path: ['environments', 'box', 'tty'], line: 4, col: 10, message: '`tty` must be true or false, found the number 3' },
    ]);
  });

  test('an unknown key suggests the nearest field, located at the key', async () => {
    expect(await problems('environments:\n  box:\n    image: x\n    shm_sze: 1g\n')).toEqual([
      'envctl.yaml:4:5: unknown key `shm_sze` in `box` (did you mean `shm_size`?)',
    ]);
    expect(await problems('enviroments:\n  box: {image: x}\n')).toEqual([
      'envctl.yaml:1:1: missing required key `environments`',
      'envctl.yaml:1:1: unknown key `enviroments` at the top level (did you mean `environments`?)',
    ]);
  });

  test('an unknown key far from every field gets no guess', async () => {
    const [only] = await problems('environments:\n  box:\n    image: x\n    banana: 1\n');
    expect(only).toBe('envctl.yaml:4:5: unknown key `banana` in `box`');
  });

  test('a value that fits none of a field’s forms gets ONE message, not one per form', async () => {
    expect(await problems('environments:\n  box:\n    image: x\n    ports: [true]\n')).toEqual([
      'envctl.yaml:4:13: `ports[0]` must be a port: "H:C", "IP:H:C", "C", or {target, published, host_ip, protocol}, found the boolean true',
    ]);
  });

  test('inside the long form of a port, the precise problem is named', async () => {
    expect(await problems('environments:\n  box:\n    image: x\n    ports:\n      - {target: 80, publised: 8080}\n')).toEqual([
      'envctl.yaml:5:22: unknown key `publised` in `ports[0]` (did you mean `published`?)',
    ]);
  });

  test('a misspelt enum value suggests the right one', async () => {
    expect(await problems('environments:\n  box:\n    image: x\n    state: runing\n')).toEqual([
      'envctl.yaml:4:12: `state` must be one of: running, stopped, paused; found the string "runing" (did you mean `running`?)',
    ]);
  });

  test('a YAML syntax error is located', async () => {
    const found = await problems('environments:\n  box:\n    image: x\n   tty: true\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^envctl\.yaml:4:\d+: YAML syntax: /);
  });

  test('a duplicate key is a located YAML error', async () => {
    const found = await problems('environments:\n  box:\n    image: x\n    image: y\n');
    expect(found).toEqual(['envctl.yaml:4:5: the key `image` is written twice in this map (YAML keeps only one: remove or rename one of them; the other is at line 3)']);
  });

  test('an empty file says what is missing', async () => {
    expect(await problems('')).toEqual(['envctl.yaml:1:1: the spec must be a map, found nothing (null) (is this the right file? a spec is a YAML map with `version` and `environments`)']);
  });

  test('an environment without an image is reported at the environment', async () => {
    expect(await problems('environments:\n  box:\n    tty: true\n')).toEqual([
      'envctl.yaml:2:3: environment `box` has no `image` (add `image:` or `build:` to it or to `defaults`)',
    ]);
  });

  test('two environments with the same container name are reported at the second', async () => {
    expect(await problems('project: lab\nenvironments:\n  a: {image: x}\n  b: {image: x, container_name: lab-a}\n')).toEqual([
      'envctl.yaml:4:17: container name `lab-a` is also used by environment `a` (envctl.yaml:3:3) (set a different `container_name`)',
    ]);
  });

  test('the same host port published by two environments is reported with both places', async () => {
    const found = await problems(
      'environments:\n  a:\n    image: x\n    ports: ["8080:80"]\n  b:\n    image: x\n    ports: ["127.0.0.1:8080:8080/tcp", "8080:80/udp"]\n',
    );
    expect(found).toEqual([
      'envctl.yaml:7:13: host port 127.0.0.1:8080/tcp is already published by environment `a` (envctl.yaml:4:13) (each host port can be published once; pick another host port)',
    ]);
  });

  test('labels under dev.envctl. are reserved', async () => {
    expect(await problems('environments:\n  box:\n    image: x\n    labels: {team: a, dev.envctl.project: b}\n')).toEqual([
      'envctl.yaml:4:23: label `dev.envctl.project` uses the prefix `dev.envctl.`, which envctl reserves for itself (choose another label name)',
    ]);
  });

  test('a host that hosts: does not list, and an address that is not an engine address, are located', async () => {
    expect(await problems('defaults:\n  host: gpu1\nenvironments:\n  a: {image: x, host: gpu2}\n  b: {image: x}\nhosts:\n  gpu1: {docker_host: "gpu1.lab:2376"}\n')).toEqual([
      'envctl.yaml:2:9: host `gpu1` is not an entry of the top-level `hosts:` (add `hosts: { gpu1: { docker_host: ssh://user@gpu1 } }`)',
      'envctl.yaml:4:23: host `gpu2` is not an entry of the top-level `hosts:` (add `hosts: { gpu2: { docker_host: ssh://user@gpu2 } }`)',
      'envctl.yaml:7:23: docker_host "gpu1.lab:2376" is not an engine address (write it as for DOCKER_HOST: unix:///path/to/docker.sock, tcp://host:2376 or ssh://user@host)',
    ]);
  });

  test('the same host port on two different hosts is no clash: they are different machines', async () => {
    const spec = 'hosts:\n  gpu1: {docker_host: "ssh://gpu1"}\nenvironments:\n  a: {image: x, ports: ["8888:8888"]}\n  b: {image: x, ports: ["8888:8888"], host: gpu1}\n  c: {image: x, ports: ["8888:8888"]}\n';
    expect(await problems(spec)).toEqual([
      'envctl.yaml:6:25: host port 0.0.0.0:8888/tcp is already published by environment `a` (envctl.yaml:4:25) (each host port can be published once; pick another host port)',
    ]);
  });

  test('a bad environment name is reported at its key', async () => {
    expect(await problems('environments:\n  -box: {image: x}\n')).toEqual([
      'envctl.yaml:2:3: environment name `-box` must start with a letter or digit and contain only letters, digits, _ . -',
    ]);
  });

  test('a missing spec file is spec-not-found with a hint, not a stack trace', async () => {
    const error = await rejectionOf(loadSpec('/nonexistent/dir/envctl.yaml', { displayPath: 'envctl.yaml' }), EnvctlError);
    expect(error).not.toBeInstanceOf(SpecError);
    expect(error.code).toBe('spec-not-found');
    expect(error.message).toBe('no spec file at envctl.yaml');
    expect(error.hint).toMatch(/-f FILE/);
  });

  test('a folder stands for the envctl.yaml inside it', async () => {
    const { dir } = writeSpecFile('environments:\n  box: {image: x}\n');
    const state = await loadSpec(dir, { environ: {} });
    expect(state.environments.map((e) => e.name)).toEqual(['box']);
  });

  test('messages show the path relative to the current folder by default', async () => {
    const { file } = writeSpecFile('environments:\n  box: {image: x, tty: 1}\n');
    const error = await rejectionOf(loadSpec(file, { environ: {} }), SpecError);
    expect(error.issues[0]?.file).not.toMatch(/^\//);
    expect(error.issues[0]?.file).toMatch(/envctl\.yaml$/);
  });
});
