// The HostConfig part of a create body for the lab fields (GPUs, runtime, ulimits, devices, capabilities, limits …).
import type { CanonicalEnv } from '../fields/canonical-env.js';

/** Sent explicitly, empty lists included, so the daemon's own defaults never decide (as for the core fields). */
export function toLabHostConfig(env: CanonicalEnv) {
  return {
    DeviceRequests: env.gpus.map((g) => ({
      Driver: g.driver,
      Count: g.count,
      DeviceIDs: [...g.deviceIds],
      Capabilities: [[...g.capabilities]],
      Options: {},
    })),
    Runtime: env.runtime,
    Ulimits: env.ulimits.map((u) => ({ Name: u.name, Soft: u.soft, Hard: u.hard })),
    Devices: env.devices.map((d) => {
      const [host = '', container = '', permissions = ''] = d.split(':');
      return { PathOnHost: host, PathInContainer: container, CgroupPermissions: permissions };
    }),
    CapAdd: [...env.capAdd],
    CapDrop: [...env.capDrop],
    Privileged: env.privileged,
    Init: env.init,
    GroupAdd: [...env.groupAdd],
    SecurityOpt: [...env.securityOpt],
    Sysctls: { ...env.sysctls },
    DnsSearch: [...env.dnsSearch],
    PidsLimit: env.pidsLimit,
    // 0 leaves swap to the engine, which gives twice the memory limit.
    MemorySwap: env.memSwapBytes,
  };
}
