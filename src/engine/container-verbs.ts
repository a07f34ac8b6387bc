// What the everyday verbs (exec, attach, logs, restart, kill, top, cp) ask of a container beyond the planner's Engine:
// its processes, its output, a terminal session in it, its files as tar streams — in envctl's own types.
import type { Readable, Writable } from 'node:stream';

/** `docker top`: the columns ps printed and one row of values per process. */
export interface ProcessTable {
  titles: string[];
  processes: string[][];
}

export interface LogRequest {
  follow: boolean;
  /** Only the last N lines; null = all. */
  tail: number | null;
  /** Only lines written at or after this Unix time (seconds); null = from the start. */
  since: number | null;
  timestamps: boolean;
  /** The container has a TTY: its output is one raw stream, not stdout and stderr framed apart. */
  tty: boolean;
}

/** A process's output as it wrote it: with a TTY everything arrives on stdout. Both end when the output ends. */
export interface OutputStreams {
  stdout: Readable;
  stderr: Readable;
  /** Stops reading (the connection is closed); both streams end. */
  close(): void;
}

export interface ExecRequest {
  cmd: string[];
  tty: boolean;
  /** The session's stdin is connected to the process (ended = the process reads end of file). */
  stdin: boolean;
  /** '' = the container's user. */
  user: string;
  /** '' = the container's working dir. */
  workingDir: string;
  /** Added to the container's environment ("K=V"). */
  env: string[];
}

/** A process in a container connected to this one: exec's new process, or attach to the container's own. */
export interface TerminalSession extends OutputStreams {
  /** What is written goes to the process's stdin; end() closes it. null when stdin was not asked for. */
  stdin: Writable | null;
  /** Sets the size of the process's TTY. */
  resize(rows: number, cols: number): Promise<void>;
  /** Resolves once the output has ended (the process exited, or the session was detached). */
  readonly ended: Promise<void>;
  /** exec: the process's exit code; attach: the container's, or null when it still runs (the session was detached). */
  exitCode(): Promise<number | null>;
}

export interface AttachRequest {
  tty: boolean;
  stdin: boolean;
}

/** A path in a container as the archive API's stat reports it. */
export interface PathStat {
  name: string;
  size: number;
  /** Permission bits (0o755). */
  mode: number;
  isDir: boolean;
  isSymlink: boolean;
  /** Where a symlink points; '' for anything else. */
  linkTarget: string;
}

export interface ContainerVerbs {
  /** `docker restart`: stops (within `graceSeconds`, null = the container's own setting) and starts again; same container. */
  restartContainer(id: string, graceSeconds: number | null): Promise<void>;
  /** `docker kill -s SIGNAL`: the signal goes to the container's PID 1. */
  killContainer(id: string, signal: string): Promise<void>;
  /** `docker top`; psArgs as given to ps ('' = the engine's default, -ef). */
  listProcesses(id: string, psArgs: string): Promise<ProcessTable>;
  /** The container's log, streamed (never read whole); with follow it goes on until the container stops or close(). */
  readLogs(id: string, request: LogRequest): Promise<OutputStreams>;
  /** A new process in a running container, connected through a hijacked connection. */
  startExec(id: string, request: ExecRequest): Promise<TerminalSession>;
  /** The container's own process; its output from now on. */
  attachContainer(id: string, request: AttachRequest): Promise<TerminalSession>;
  /** null when the path does not exist in the container. */
  statPath(id: string, path: string): Promise<PathStat | null>;
  /** The path as a tar stream (a folder with all below it), the top entry named after the path's base name; null when absent. */
  readArchive(id: string, path: string): Promise<{ stat: PathStat; tar: Readable } | null>;
  /** Unpacks the tar into the folder `dir` of the container (which must exist); owners become the container's root. */
  writeArchive(id: string, dir: string, tar: Readable): Promise<void>;
}

export function hasContainerVerbs(engine: object): engine is ContainerVerbs {
  const e = engine as Partial<ContainerVerbs>;
  return typeof e.startExec === 'function' && typeof e.readLogs === 'function' && typeof e.writeArchive === 'function';
}
