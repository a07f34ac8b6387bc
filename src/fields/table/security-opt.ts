// security_opt: security options (seccomp=…, apparmor=…, no-new-privileges). "label=disable", which the engine adds
// itself to a privileged container and to one sharing the host's ipc, is left out on both sides.
import type { Field } from '../field.js';
import { listFlag } from '../flag-mapping.js';
import { onlyIf } from '../only-if.js';
import { formatList } from '../present/format-value.js';
import { byString, rawStrings, sortedSet } from '../read-raw.js';
import { RECREATE } from '../rules.js';
import { StringList } from '../schema-parts.js';
import { withoutImpliedLabel } from '../values/implied-security-opt.js';
import { printableWord } from '../values/value-checks.js';
import { refuse } from '../service/service-rules.js';

const keys = {
  security_opt: {
    get schema() {
      return StringList('Security options, e.g. seccomp=unconfined.');
    },
    check: printableWord('security_opt', /^[a-z][a-z-]*([=:].*)?$/, 'e.g. no-new-privileges, seccomp=unconfined, apparmor=<profile>, label=disable'),
  },
};

export const securityOpt: Field<'securityOpt', string[], typeof keys> = {
  name: 'security_opt',
  prop: 'securityOpt',
  keys,
  normalize: ({ security_opt }, ctx) =>
    withoutImpliedLabel(sortedSet(rawStrings(security_opt, ctx)), ctx.env.privileged === true || ctx.env.ipc === 'host'),
  container: {
    create: (v, body) => void (body.HostConfig.SecurityOpt = [...v]),
    observe: (i) =>
      withoutImpliedLabel(
        [...(i.HostConfig?.SecurityOpt ?? [])].sort(byString),
        i.HostConfig?.Privileged === true || i.HostConfig?.IpcMode === 'host',
      ),
  },
  service: refuse('a service takes no security options; keep this environment a container (no deploy:) if it needs them'),
  change: RECREATE,
  present: { show: formatList },
  import: { flags: [listFlag('security-opt', 'security_opt')], write: (v) => onlyIf(v.length > 0, 'security_opt', () => [...v]) },
};
