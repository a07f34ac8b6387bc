// Transfer progress on stderr: a line rewritten in place on a terminal; in a log, a line every 25% (or every 100 MB
// when the total is unknown), so a long save is visibly alive either way.
import type { TransferProgress } from '../engine/image-archive.js';
import { formatBytes } from './format-bytes.js';

export function progressPrinter(verb: string, enabled: boolean): { update: (p: TransferProgress) => void; done: () => void } {
  const tty = Boolean(process.stderr.isTTY);
  let lastStep = -1;
  let wrote = false;
  const text = (p: TransferProgress): string => {
    if (p.totalBytes && p.totalBytes > 0) {
      const pct = Math.min(100, Math.floor((p.bytes / p.totalBytes) * 100));
      return `${verb}: ${formatBytes(p.bytes)} of ~${formatBytes(p.totalBytes)} (${pct}%)`;
    }
    return `${verb}: ${formatBytes(p.bytes)}`;
  };
  return {
    update(p) {
      if (!enabled) return;
      if (tty) {
        process.stderr.write(`\r${text(p)}\x1b[K`);
        wrote = true;
        return;
      }
      const step = p.totalBytes ? Math.floor((p.bytes / p.totalBytes) * 4) : Math.floor(p.bytes / 100e6);
      if (step !== lastStep) {
        lastStep = step;
        process.stderr.write(`${text(p)}\n`);
      }
    },
    done() {
      if (enabled && tty && wrote) process.stderr.write('\n');
    },
  };
}
