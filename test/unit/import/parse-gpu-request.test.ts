// docker run --gpus values → the spec's gpus, as the docker CLI reads them (opts/gpus.go).
import { describe, expect, it } from 'vitest';
import { parseGpuRequest, splitCsv } from '../../../src/fields/values/parse-gpu-flag.js';

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
