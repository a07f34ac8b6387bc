// docker run --gpus values → the spec's gpus, as the docker CLI reads them (opts/gpus.go).
import { describe, expect, it } from 'vitest';
import { parseGpuFlag, parseGpuRequest, splitCsv } from '../../../src/fields/values/parse-gpu-flag.js';

describe('parseGpuRequest', () => {
  it.each([
    ['all', 'all'],
    ['2', 2],
    ['"device=1,2"', [1, 2]],
    ['device=GPU-3f2a', ['GPU-3f2a']],
    ['count=all', 'all'],
  ])('%s → %j', (value, spec) => {
    expect(parseGpuRequest(value)).toStrictEqual({ ok: true, value: spec });
  });

  it('uses the long form for capabilities and drivers, with the count docker implies (1 when none is named)', () => {
    expect(parseGpuRequest('capabilities=compute,driver=nvidia')).toStrictEqual({
      ok: true,
      value: { count: 1, capabilities: ['compute'], driver: 'nvidia' },
    });
    expect(parseGpuRequest('"capabilities=compute,utility",count=all')).toStrictEqual({
      ok: true,
      value: { count: 'all', capabilities: ['compute', 'utility'] },
    });
  });

  it('rejects what the spec cannot hold or docker would not accept', () => {
    expect(parseGpuRequest('options=x=y').ok).toBe(false);
    expect(parseGpuRequest('count=2,count=3').ok).toBe(false);
    expect(parseGpuRequest('two').ok).toBe(false);
    expect(parseGpuRequest('colour=red').ok).toBe(false);
  });

  it('splits CSV like Go encoding/csv (quoted fields keep commas, "" is a quote)', () => {
    expect(splitCsv('a,"b,c",d')).toStrictEqual({ ok: true, value: ['a', 'b,c', 'd'] });
    expect(splitCsv('"say ""hi"""')).toStrictEqual({ ok: true, value: ['say "hi"'] });
    expect(splitCsv('"open').ok).toBe(false);
  });
});

describe('parseGpuFlag: `--gpus device=1,2` without docker\'s inner quotes', () => {
  it('reads the bare values after device= as the further devices meant, with a note saying so', () => {
    const read = parseGpuFlag('device=1,2');
    expect(read).toStrictEqual({
      ok: true,
      value: {
        gpus: [1, 2],
        note: `--gpus device=1,2: read as devices 1 and 2, as meant (docker itself reads it as device 1 + count 2, which the NVIDIA runtime refuses at start; for docker, quote it: --gpus '"device=1,2"')`,
      },
    });
    expect(parseGpuFlag('device=0,1,3,capabilities=compute')).toMatchObject({ ok: true, value: { gpus: { device_ids: [0, 1, 3], capabilities: ['compute'] }, note: expect.stringContaining('read as devices 0, 1 and 3') } });
  });

  it('leaves what docker reads the same way alone: quoted devices, one device, a count before device=', () => {
    expect(parseGpuFlag('"device=1,2"')).toStrictEqual({ ok: true, value: { gpus: [1, 2] } });
    expect(parseGpuFlag('device=1')).toStrictEqual({ ok: true, value: { gpus: [1] } });
    expect(parseGpuFlag('2,device=1')).toStrictEqual({ ok: true, value: { gpus: { count: 2, device_ids: [1] } } });
    expect(parseGpuFlag('device=1,count=2,count=3').ok).toBe(false);
  });
});
