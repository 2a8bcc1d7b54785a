import { type Credentials, E, full, partial, type SyscallEntry, type Thread } from '@kandelo/kernel-core';

/** NGROUPS_MAX. */
const NGROUPS_MAX = 65536;
const KEEP = -1;

type Which = 'u' | 'g';
const ids = (c: Credentials, w: Which): [number, number, number] => (w === 'u' ? [c.uid, c.euid, c.suid] : [c.gid, c.egid, c.sgid]);
function assign(c: Credentials, w: Which, r: number, e: number, s: number): void {
  if (w === 'u') [c.uid, c.euid, c.suid] = [r, e, s];
  else [c.gid, c.egid, c.sgid] = [r, e, s];
}

/** Privilege is euid 0 (we have no capabilities; CAP_SETUID/CAP_SETGID go with root). */
const privileged = (t: Thread): boolean => t.process.creds.euid === 0;

/** setuid/setgid: root sets all three ids; others may set the effective id to the real or saved one. */
function setOne(t: Thread, w: Which, id: number): number {
  if (id === KEEP) throw E.EINVAL;
  const c = t.process.creds;
  const [r, , s] = ids(c, w);
  if (privileged(t)) assign(c, w, id >>> 0, id >>> 0, id >>> 0);
  else if (id >>> 0 === r || id >>> 0 === s) assign(c, w, r, id >>> 0, s);
  else throw E.EPERM;
  return 0;
}

/** setreuid/setregid with Linux's rule for the saved id. */
function setRe(t: Thread, w: Which, rr: number, ee: number): number {
  const c = t.process.creds;
  const [r, e, s] = ids(c, w);
  const nr = rr === KEEP ? r : rr >>> 0;
  const ne = ee === KEEP ? e : ee >>> 0;
  if (!privileged(t)) {
    if (rr !== KEEP && nr !== r && nr !== e) throw E.EPERM;
    if (ee !== KEEP && ne !== r && ne !== e && ne !== s) throw E.EPERM;
  }
  const ns = rr !== KEEP || (ee !== KEEP && ne !== r) ? ne : s;
  assign(c, w, nr, ne, ns);
  return 0;
}

/** setresuid/setresgid: unprivileged callers may only shuffle their current three ids. */
function setRes(t: Thread, w: Which, rr: number, ee: number, ss: number): number {
  const c = t.process.creds;
  const cur = ids(c, w);
  const want = [rr, ee, ss].map((v, i) => (v === KEEP ? cur[i]! : v >>> 0)) as [number, number, number];
  if (!privileged(t) && [rr, ee, ss].some((v, i) => v !== KEEP && !cur.includes(want[i]!))) throw E.EPERM;
  assign(c, w, ...want);
  return 0;
}

function getRes(t: Thread, w: Which, rp: number, ep: number, sp: number): number {
  const [r, e, s] = ids(t.process.creds, w);
  const m = t.process.memory;
  m.setU32(rp, r);
  m.setU32(ep, e);
  m.setU32(sp, s);
  return 0;
}

/** The uid/gid family, supplementary groups. Threads share their process's credentials. */
export function credentialSyscalls(): SyscallEntry[] {
  return [
    full('setuid', (t, id) => setOne(t, 'u', id)),
    full('setgid', (t, id) => setOne(t, 'g', id)),
    full('setreuid', (t, r, e) => setRe(t, 'u', r, e)),
    full('setregid', (t, r, e) => setRe(t, 'g', r, e)),
    full('setresuid', (t, r, e, s) => setRes(t, 'u', r, e, s)),
    full('setresgid', (t, r, e, s) => setRes(t, 'g', r, e, s)),
    full('getresuid', (t, r, e, s) => getRes(t, 'u', r, e, s)),
    full('getresgid', (t, r, e, s) => getRes(t, 'g', r, e, s)),
    full('getgroups', (t, size, list) => {
      const g = t.process.creds.groups;
      if (size < 0) throw E.EINVAL;
      if (size === 0) return g.length;
      if (size < g.length) throw E.EINVAL;
      g.forEach((id, i) => t.process.memory.setU32(list + i * 4, id));
      return g.length;
    }),
    full('setgroups', (t, size, list) => {
      if (size < 0 || size > NGROUPS_MAX) throw E.EINVAL;
      if (!privileged(t)) throw E.EPERM;
      const m = t.process.memory;
      t.process.creds.groups = Array.from({ length: size }, (_, i) => m.u32(list + i * 4));
      return 0;
    }),
    partial('setfsuid', (t) => t.process.creds.euid, 'the filesystem uid is always the effective uid: reports it, changes nothing'),
    partial('setfsgid', (t) => t.process.creds.egid, 'the filesystem gid is always the effective gid: reports it, changes nothing'),
  ];
}
