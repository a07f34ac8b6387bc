// The machine a bench ran on, for RESULTS.md: CPUs, memory, kernel, and the versions of every tool compared.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function firstLine(cmd, args) {
  try {
    const { stdout, stderr } = await run(cmd, args);
    return (stdout || stderr).split('\n')[0].trim();
  } catch {
    return 'not installed';
  }
}

export async function describeMachine() {
  const root = new URL('..', import.meta.url);
  const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
  return {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: `Linux ${release()}`,
    docker: await firstLine('docker', ['version', '--format', 'Engine {{.Server.Version}} (API {{.Server.APIVersion}}), CLI {{.Client.Version}}']),
    compose: await firstLine('docker-compose', ['version', '--short']),
    ansible: await firstLine('ansible', ['--version']),
    communityDocker: await firstLine('sh', ['-c', "ansible-galaxy collection list community.docker 2>/dev/null | awk '/community.docker/ {print $2}' | head -1"]),
    node: process.version,
    envctl: `${pkg.version} (${await firstLine('git', ['-C', new URL('.', root).pathname, 'rev-parse', '--short', 'HEAD'])})`,
  };
}
