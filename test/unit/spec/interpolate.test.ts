// Variable interpolation: ${VAR} forms, .env next to the spec, failures located at the scalar.
import { describe, expect, test } from 'vitest';
import { interpolateString } from '../../../src/spec/interpolate.js';
import { load, problems } from './write-spec-file.js';

const expand = (text: string, vars: Record<string, string | undefined> = {}) => interpolateString(text, vars);

describe('variables in a spec', () => {
  test.each([
    ['${USER}-det', { USER: 'alice' }, 'alice-det'],
    ['$USER-det', { USER: 'alice' }, 'alice-det'],
    ['${MISSING}', {}, ''],
    ['${PORT:-8080}', {}, '8080'],
    ['${PORT:-8080}', { PORT: '' }, '8080'],
    ['${PORT-8080}', { PORT: '' }, ''],
    ['${PORT-8080}', {}, '8080'],
    ['${A:-${B:-deep}}', {}, 'deep'],
    ['${A:+set}', { A: 'x' }, 'set'],
    ['${A:+set}', {}, ''],
    ['price $$5 and $$HOME', { HOME: '/root' }, 'price $5 and $HOME'],
    ['costs $ 5', {}, 'costs $ 5'],
    ['${X:?needed}', { X: 'ok' }, 'ok'],
  ])('%s with %j is %j', (text, vars, expected) => {
    expect(expand(text, vars)).toEqual({ ok: true, value: expected });
  });

  test('`:?` fails with the given message when unset or empty; `?` only when unset', () => {
    expect(expand('${TOKEN:?set TOKEN first}', { TOKEN: '' })).toEqual({ ok: false, message: 'variable TOKEN: set TOKEN first' });
    expect(expand('${TOKEN?}', {})).toEqual({ ok: false, message: 'variable TOKEN: must be set' });
    expect(expand('${TOKEN?}', { TOKEN: '' })).toEqual({ ok: true, value: '' });
  });

  test('malformed references are errors, not silent text', () => {
    expect(expand('${USER')).toMatchObject({ ok: false, message: expect.stringContaining('unterminated') });
    expect(expand('${1X}')).toMatchObject({ ok: false });
    expect(expand('${USER:x}')).toMatchObject({ ok: false });
  });

  test('`${VAR:?msg}` fails at the scalar, and the rest of the spec is still checked', async () => {
    const found = await problems('environments:\n  box:\n    image: x\n    hostname: "${HOST_NAME:?set HOST_NAME}"\n    tty: maybe\n');
    expect(found).toEqual([
      'envctl.yaml:4:15: variable HOST_NAME: set HOST_NAME',
      'envctl.yaml:5:10: `tty` must be true or false, found the string "maybe"',
    ]);
  });

  test('keys are interpolated too, so environment names can carry the user', async () => {
    const state = await load('environments:\n  ${USER}-det:\n    image: x\n', { environ: { USER: 'alice' } });
    expect(state.environments.map((e) => [e.name, e.containerName])).toEqual([['alice-det', 'lab-alice-det']]);
  });

  test('.env next to the spec supplies variables, the environment wins', async () => {
    const state = await load(
      'environments:\n  box:\n    image: ${IMAGE}\n    hostname: ${HOST_NAME}\n',
      { environ: { HOST_NAME: 'from-shell' } },
      { '.env': '# lab settings\nIMAGE=ubuntu:24.04\nexport HOST_NAME="from-dotenv"\n' },
    );
    expect(state.environments[0]).toMatchObject({ image: 'ubuntu:24.04', hostname: 'from-shell' });
  });

  test('an unquoted value that becomes a number or boolean is typed like YAML would; a quoted one stays a string', async () => {
    const state = await load('environments:\n  box:\n    image: x\n    tty: ${TTY}\n    environment: {N: "${N}"}\n    ports:\n      - ${PORT}\n', {
      environ: { TTY: 'true', N: '1', PORT: '8080' },
    });
    expect(state.environments[0]).toMatchObject({ tty: true, environment: { N: '1' } });
    expect(state.environments[0]?.ports).toEqual([{ target: 8080, published: null, hostIp: '0.0.0.0', protocol: 'tcp' }]);
  });

  test('a broken line in .env is reported with its line', async () => {
    const found = await problems('environments:\n  box: {image: x}\n', {}, { '.env': 'OK=1\nnot a var\n' });
    expect(found).toEqual(['.env:2:1: this line has no "=" (expected KEY=value)']);
  });
});
