// A local test image like the ones labs run: it declares `VOLUME /data` (which it does not contain, so the engine adds
// the folder and an anonymous volume) and has a merged /usr (/sbin → usr/sbin, as Debian and Ubuntu do).
import { execa } from 'execa';
import { TEST_IMAGE } from './test-image.js';

const DOCKERFILE = `FROM ${TEST_IMAGE}\nRUN mkdir -p /usr/sbin && ln -s usr/sbin /sbin\nVOLUME /data\n`;

/** Builds the image under `tag` (the classic builder: no registry, no BuildKit needed); returns the tag. */
export async function makeVolumeImage(tag: string): Promise<string> {
  await execa('docker', ['build', '-q', '-t', tag, '-'], { input: DOCKERFILE, env: { DOCKER_BUILDKIT: '0' } });
  return tag;
}

export async function removeImage(tag: string): Promise<void> {
  await execa('docker', ['rmi', '-f', tag], { reject: false });
}

/** The volumes a container mounts, as `target name` lines sorted by target ('' when it is gone). */
export async function mountedVolumes(container: string): Promise<string[]> {
  const r = await execa('docker', ['inspect', '-f', '{{range .Mounts}}{{if eq .Type "volume"}}{{println .Destination .Name}}{{end}}{{end}}', container], { reject: false });
  return String(r.stdout).split('\n').map((l) => l.trim()).filter(Boolean).sort();
}

/** Whether a volume exists and no container mounts it. */
export async function isDangling(name: string): Promise<boolean> {
  const r = await execa('docker', ['volume', 'ls', '-q', '--filter', 'dangling=true', '--filter', `name=${name}`]);
  return String(r.stdout).split('\n').includes(name);
}

export async function volumeExists(name: string): Promise<boolean> {
  return (await execa('docker', ['volume', 'inspect', name], { reject: false })).exitCode === 0;
}
