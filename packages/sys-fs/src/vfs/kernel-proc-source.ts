import type { Kernel, Process } from '@kandelo/kernel-core';
import type { ProcSource } from '../procfs/index.js';
import type { Vfs } from './vfs.js';

/** /proc/mounts lines as `p` sees them (mount points outside its root are left out). */
export function mountsText(vfs: Vfs, p: Process | undefined): string {
  const lines: string[] = [];
  for (const m of vfs.mounts.list()) {
    const at = p ? vfs.viewOf(p, m.path) : m.path;
    if (at.startsWith('(unreachable)')) continue;
    const f = m.flags;
    const opts = [m.readonly ? 'ro' : 'rw', f.nosuid && 'nosuid', f.nodev && 'nodev', f.noexec && 'noexec', 'relatime'];
    const esc = (s: string) => s.replace(/[ \t\n\\]/g, (ch) => `\\${ch.charCodeAt(0).toString(8).padStart(3, '0')}`);
    lines.push(`${esc(m.source)} ${esc(at)} ${m.fs.type} ${opts.filter(Boolean).join(',')} 0 0\n`);
  }
  return lines.join('');
}

/** procfs's view of the system, read from the kernel when a /proc file is opened. */
export function kernelProcSource(kernel: () => Kernel, vfs: Vfs, cpus: number): ProcSource {
  const memoryTotal = () => kernel().config.memoryLimit;
  return {
    processes: () => kernel().processes.all(),
    process: (pid) => kernel().processes.get(pid),
    uptimeNs: () => kernel().clock.monotonicNs(),
    realtimeNs: () => kernel().clock.realtimeNs(),
    mounts: (p) => mountsText(vfs, p),
    memoryTotal,
    memoryFree: () => {
      let used = 0;
      for (const p of kernel().processes.all()) if (!p.zombie && p.memory) used += p.memory.u8.length;
      return Math.max(0, memoryTotal() - used);
    },
    cpus,
    hostname: () => kernel().config.hostname,
  };
}
