// Every port form (short, ranges, IPv6, long) and the messages for bad ones.
import { describe, expect, test } from 'vitest';
import { parsePort } from '../../../src/fields/values/parse-port.js';

const tcp = (target: number, published: number | null, hostIp = '0.0.0.0') => ({ target, published, hostIp, protocol: 'tcp' });

describe('every port form a docker -p user writes', () => {
  test.each([
    ['8888:8888', [tcp(8888, 8888)]],
    ['127.0.0.1:6006:6006', [tcp(6006, 6006, '127.0.0.1')]],
    ['127.0.0.1::80', [tcp(80, null, '127.0.0.1')]],
    ['80', [tcp(80, null)]],
    ['8022:22/udp', [{ target: 22, published: 8022, hostIp: '0.0.0.0', protocol: 'udp' }]],
    ['9000:9000/sctp', [{ target: 9000, published: 9000, hostIp: '0.0.0.0', protocol: 'sctp' }]],
    ['8000-8002:9000-9002', [tcp(9000, 8000), tcp(9001, 8001), tcp(9002, 8002)]],
    ['7000-7001', [tcp(7000, null), tcp(7001, null)]],
    ['[::1]:8080:80', [tcp(80, 8080, '::1')]],
    ['[::]::80', [tcp(80, null, '::')]],
  ] as const)('%s', (text, expected) => {
    expect(parsePort(text, '0.0.0.0')).toEqual({ ok: true, value: expected });
  });

  test('a bare number is a container port with an ephemeral host port', () => {
    expect(parsePort(22, '0.0.0.0')).toEqual({ ok: true, value: [tcp(22, null)] });
  });

  test('the long form', () => {
    expect(parsePort({ target: 53, published: '5353', host_ip: '10.0.0.1', protocol: 'udp' }, '0.0.0.0')).toEqual({
      ok: true,
      value: [{ target: 53, published: 5353, hostIp: '10.0.0.1', protocol: 'udp' }],
    });
    expect(parsePort({ target: 80 }, '127.0.0.1')).toEqual({ ok: true, value: [tcp(80, null, '127.0.0.1')] });
  });

  test('a port without an IP takes the default host IP', () => {
    expect(parsePort('8080:80', '127.0.0.1')).toEqual({ ok: true, value: [tcp(80, 8080, '127.0.0.1')] });
  });

  test.each([
    ['99999:80', /host port 99999 is out of range/],
    ['80:http', /container port "http" is not a number/],
    ['8080:80/icmp', /unknown protocol "icmp"/],
    ['localhost:8080:80', /"localhost" is not an IP address/],
    ['::1:8080:80', /IPv6 address must be written in brackets/],
    ['8000-8002:9000-9001', /host range has 3 ports but the container range has 2/],
    ['8005-8000:80', /goes backwards/],
    ['', /is not a number/],
  ])('%j is rejected: %s', (text, message) => {
    const result = parsePort(text, '0.0.0.0');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toMatch(message);
      expect(result.hint).toMatch(/H:C/);
    }
  });
});

describe('any written port reads back as what was written', () => {
  test('"IP:H:C/proto" round-trips for every valid port, address and protocol', async () => {
    const fc = await import('fast-check');
    const port = fc.integer({ min: 1, max: 65535 });
    const ip = fc.oneof(fc.ipV4(), fc.constant('0.0.0.0'), fc.constant('::1'));
    const protocol = fc.constantFrom('tcp' as const, 'udp' as const, 'sctp' as const);
    fc.assert(
      fc.property(port, port, ip, protocol, (published, target, hostIp, proto) => {
        const written = `${hostIp.includes(':') ? `[${hostIp}]` : hostIp}:${published}:${target}/${proto}`;
        expect(parsePort(written, '0.0.0.0')).toEqual({ ok: true, value: [{ target, published, hostIp, protocol: proto }] });
      }),
    );
  });
});
