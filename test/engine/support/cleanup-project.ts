// Removes everything a test project left on the engine: its containers, its labelled volumes, volumes whose names
// start with the project (the engine creates volumes named in binds without labels), and its bind-source temp folder.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

/** Where tests put bind-mount sources for a project; cleanupProject removes it. */
export function projectTempDir(project: string): string {
  return join(tmpdir(), `envctl-${project}`);
}

async function lines(args: string[]): Promise<string[]> {
  const r = await execa('docker', args, { reject: false });
  return String(r.stdout).split('\n').map((s) => s.trim()).filter(Boolean);
}

export async function cleanupProject(project: string): Promise<void> {
  const filter = `label=dev.envctl.project=${project}`;
  const ids = await lines(['ps', '-aq', '--filter', filter]);
  const volumes = new Set(await lines(['volume', 'ls', '-q', '--filter', filter]));
  if (ids.length > 0) {
    const mounted = await lines(['inspect', '--format', '{{range .Mounts}}{{if eq .Type "volume"}}{{println .Name}}{{end}}{{end}}', ...ids]);
    for (const name of mounted) if (name.startsWith(project) || /^[0-9a-f]{64}$/.test(name)) volumes.add(name);
    await execa('docker', ['rm', '-f', ...ids], { reject: false });
  }
  for (const name of await lines(['volume', 'ls', '-q', '--filter', `name=${project}`])) {
    if (name.startsWith(project)) volumes.add(name);
  }
  if (volumes.size > 0) await execa('docker', ['volume', 'rm', '-f', ...volumes], { reject: false });
  rmSync(projectTempDir(project), { recursive: true, force: true });
}

/** Removes containers by name (made with the docker CLI, without envctl labels) and their anonymous volumes. */
export async function removeContainers(...names: string[]): Promise<void> {
  if (names.length > 0) await execa('docker', ['rm', '-f', '-v', ...names], { reject: false });
}
