// Reaching into a container's filesystem and processes (archive API, exec): what features like ssh need beyond the
// planner's Engine. Apart from Engine so the executor's interface and its unit-test fake stay as small as they must.
import type { TarEntry } from './tar-entries.js';

export interface ContainerFiles {
  /** Writes files and folders into the container at `path` (PUT /containers/{id}/archive); works before the first start. */
  putFiles(id: string, path: string, files: readonly TarEntry[]): Promise<void>;
  /** Whether the path exists in the container (HEAD /containers/{id}/archive). */
  pathExists(id: string, path: string): Promise<boolean>;
  /**
   * Where a symlink at `path` points, resolved all the way inside the container (the engine's stat of the path);
   * '' when the path is no symlink, null when it does not exist.
   */
  linkTarget(id: string, path: string): Promise<string | null>;
  /** One file's content (GET /containers/{id}/archive); null when it does not exist. */
  readContainerFile(id: string, path: string): Promise<Buffer | null>;
  /** Runs a command as root in a running container, each output line (stdout and stderr) to onLine; its exit code. */
  execInContainer(id: string, cmd: string[], onLine?: (line: string) => void): Promise<number>;
  /** The host port the engine bound for a container port such as '22/tcp'; null when none is bound. */
  publishedPort(id: string, containerPort: string): Promise<number | null>;
}

export function hasContainerFiles(engine: object): engine is ContainerFiles {
  const e = engine as Partial<ContainerFiles>;
  return typeof e.putFiles === 'function' && typeof e.execInContainer === 'function' && typeof e.readContainerFile === 'function';
}

/** The engine's `X-Docker-Container-Path-Stat` header (base64 JSON) → its linkTarget; '' when absent or unreadable. */
export function readLinkTarget(header: string | undefined): string {
  if (header === undefined) return '';
  try {
    const stat = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { linkTarget?: unknown };
    return typeof stat.linkTarget === 'string' ? stat.linkTarget : '';
  } catch {
    return '';
  }
}

export function canResolveLinks(engine: object): engine is Pick<ContainerFiles, 'linkTarget'> {
  return typeof (engine as Partial<ContainerFiles>).linkTarget === 'function';
}
