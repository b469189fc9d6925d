/**
 * CPU time (user + system) spent by each kind of process over a window, read from /proc: the benchmark's
 * processes share two cores with everything else, so wall-clock throughput alone cannot say whose CPU a change
 * saved. Processes are grouped by command name (postgres, workerd, pgbouncer, …) or by a label given for a pid
 * (two Node processes: the benchmark client and the WebSocket proxy). A process that starts inside the window
 * counts whole; one that ends inside it is missed (short-lived autovacuum workers, say).
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat on Linux. */
const TICKS_PER_SECOND = 100;

type Snapshot = Map<number, { comm: string; ticks: number }>;

function snapshot(): Snapshot {
  const out: Snapshot = new Map();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const open = stat.indexOf('(');
      const close = stat.lastIndexOf(')');
      const fields = stat.slice(close + 2).split(' ');
      // Fields after the name start at state (3rd field): utime is the 14th field, stime the 15th.
      out.set(pid, { comm: stat.slice(open + 1, close), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone between readdir and read
    }
  }
  return out;
}

/** Starts a window; `stop()` returns CPU milliseconds per label or command name, largest first. */
export function cpuWindow(labels: ReadonlyMap<number, string> = new Map()): { stop(): [string, number][] } {
  const before = snapshot();
  return {
    stop() {
      const after = snapshot();
      const byName = new Map<string, number>();
      for (const [pid, now] of after) {
        const spent = now.ticks - (before.get(pid)?.ticks ?? 0);
        const name = labels.get(pid) ?? now.comm;
        if (spent > 0) byName.set(name, (byName.get(name) ?? 0) + (spent * 1000) / TICKS_PER_SECOND);
      }
      return [...byName].sort((a, b) => b[1] - a[1]);
    },
  };
}
