import {
  AT, E, FDOP, type Kernel, KANDELO_SPAWN, O, type OpenFile, PARK, POSIX_SPAWN, type Process, resetForExec, S,
  SIG_DFL, SPAWN_ATTR, SPAWN_FDOP, type SyscallEntry, type Thread, full, type VfsService,
} from '@kandelo/kernel-core';
import { loadProgram } from './exec.js';

const readSigset = (t: Thread, ptr: number): bigint => t.process.memory.i64(ptr) & ((1n << 64n) - 1n);

/** The addresses of musl's posix_spawn file actions, oldest first (the list is newest first). */
function* fileActions(t: Thread, head: number): Generator<number> {
  const m = t.process.memory;
  let op = head;
  if (!op) return;
  while (m.u32(op + SPAWN_FDOP.next)) op = m.u32(op + SPAWN_FDOP.next);
  for (; op; op = m.u32(op + SPAWN_FDOP.prev)) yield op;
}

/**
 * Where the child's chdir/fchdir actions leave it, as a dirfd of the parent and a path from it:
 * the child execs after its file actions, so a relative program path starts there (a chdir to "/"
 * then "bin/pwd" runs /bin/pwd).
 */
function cwdAfterActions(t: Thread, head: number): { dirfd: number; cwd: string } {
  const m = t.process.memory;
  let dirfd: number = AT.FDCWD;
  let cwd = '';
  for (const op of fileActions(t, head)) {
    const cmd = m.i32at(op + SPAWN_FDOP.cmd);
    if (cmd === FDOP.CHDIR) {
      const dir = m.cstring(op + SPAWN_FDOP.size);
      cwd = dir.startsWith('/') || !cwd ? dir : `${cwd}/${dir}`;
    } else if (cmd === FDOP.FCHDIR) {
      dirfd = m.i32at(op + SPAWN_FDOP.fd);
      cwd = '';
    }
  }
  return { dirfd, cwd };
}

/** Runs musl's posix_spawn file actions (oldest first) in the child's context. */
function applyFileActions(t: Thread, vfs: VfsService, child: Process, head: number): void {
  const m = t.process.memory;
  for (const op of fileActions(t, head)) {
    const fd = m.i32at(op + SPAWN_FDOP.fd);
    switch (m.i32at(op + SPAWN_FDOP.cmd)) {
      case FDOP.CLOSE:
        if (child.fds.has(fd)) child.fds.close(fd);
        break;
      case FDOP.DUP2: {
        const src = m.i32at(op + SPAWN_FDOP.srcfd);
        const f = child.fds.get(src);
        if (src === fd) child.fds.setCloexec(fd, false);
        else child.fds.set(fd, f.ref());
        break;
      }
      case FDOP.OPEN: {
        const path = m.cstring(op + SPAWN_FDOP.size);
        const abs = vfs.resolveAt(child, -100, path);
        const flags = m.i32at(op + SPAWN_FDOP.oflag);
        const f: OpenFile = vfs.open(child, abs, flags, (m.u32(op + SPAWN_FDOP.mode) & 0o7777) & ~child.umask);
        child.fds.set(fd, f, (flags & O.CLOEXEC) !== 0);
        break;
      }
      case FDOP.CHDIR: {
        vfs.chdir(child, vfs.resolveAt(child, -100, m.cstring(op + SPAWN_FDOP.size)));
        break;
      }
      case FDOP.FCHDIR: {
        vfs.chdirTo(child, child.fds.get(fd));
        break;
      }
      default:
        throw E.EINVAL;
    }
  }
}

/**
 * kandelo_spawn: posix_spawn without copying the parent's memory. The program is loaded first
 * (so a missing or foreign program fails in the parent, as posix_spawn reports it), then the child
 * is created from the parent's state, attributes and file actions are applied, and it starts.
 */
export function spawnSyscalls(kernel: Kernel, vfs: VfsService): SyscallEntry[] {
  return [
    full('kandelo_spawn', (t, pathp, argvp, envpp, actions, attr, flags) => {
      const r = t.awaitAsync('spawn', () => {
        const m = t.process.memory;
        const { dirfd, cwd } = cwdAfterActions(t, actions);
        return loadProgram(kernel, vfs, t, dirfd, m.cstring(pathp), m.cstringArray(argvp), m.cstringArray(envpp),
          (flags & KANDELO_SPAWN.SEARCH_PATH) !== 0, cwd);
      });
      if (!r) return PARK;
      const parent = t.process;
      const m = parent.memory;
      const child = kernel.createChild(parent);
      let mask = t.sigmask;
      try {
        const aflags = attr ? m.i32at(attr + SPAWN_ATTR.flags) : 0;
        if (aflags & POSIX_SPAWN.SETSIGDEF) {
          const def = readSigset(t, attr + SPAWN_ATTR.sigdefault);
          for (let sig = 1; sig < 65; sig++) if (def & (1n << BigInt(sig - 1))) child.signals.actions[sig]!.handler = SIG_DFL;
        }
        if (aflags & POSIX_SPAWN.SETSIGMASK) mask = readSigset(t, attr + SPAWN_ATTR.sigmask);
        if (aflags & POSIX_SPAWN.SETSID) {
          child.sid = child.pid;
          child.pgid = child.pid;
        } else if (aflags & POSIX_SPAWN.SETPGROUP) {
          const pg = m.i32at(attr + SPAWN_ATTR.pgrp);
          if (pg < 0) throw E.EINVAL;
          if (pg !== 0 && ![...kernel.processes.all()].some((q) => q.pgid === pg && q.sid === child.sid)) throw E.EPERM;
          child.pgid = pg || child.pid;
        }
        if (aflags & POSIX_SPAWN.RESETIDS) {
          child.creds.euid = child.creds.uid;
          child.creds.egid = child.creds.gid;
        }
        applyFileActions(t, vfs, child, actions);
        resetForExec(child);
        kernel.startImage(child, r.value);
      } catch (err) {
        parent.children.delete(child);
        child.fds.closeAll();
        kernel.processes.remove(child.pid);
        throw err;
      }
      child.threads.get(child.pid)!.sigmask = mask;
      return child.pid;
    }),
  ];
}
