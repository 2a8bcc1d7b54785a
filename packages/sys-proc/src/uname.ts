import { E, type SyscallEntry, type KernelConfig, type Thread, UTSNAME, full } from '@kandelo/kernel-core';

export const UTS = { sysname: 'Linux', release: '6.1.0-kandelo', version: '#1 SMP kandelo', machine: 'wasm32' } as const;

/** __NEW_UTS_LEN: names hold 64 bytes (plus the NUL in struct utsname). */
const UTS_LEN = 64;

/**
 * uname: a Linux-compatible identity, so configure scripts and `uname -a` behave. The host and
 * domain names are the kernel's (one UTS namespace), changed by root with sethostname and
 * setdomainname.
 */
export function unameSyscalls(config: KernelConfig): SyscallEntry[] {
  const names = { node: config.hostname, domain: '(none)' };
  const setName = (which: 'node' | 'domain') => (t: Thread, ptr: number, len: number) => {
    if (t.process.creds.euid !== 0) throw E.EPERM;
    if (len < 0 || len > UTS_LEN) throw E.EINVAL;
    names[which] = new TextDecoder().decode(t.process.memory.bytes(ptr, len)).replace(/\0.*$/s, '');
    return 0;
  };
  return [
    full('uname', (t, buf) => {
      const m = t.process.memory;
      m.bytes(buf, UTSNAME.size).fill(0);
      m.writeCString(buf + UTSNAME.sysname, UTS.sysname, 65);
      m.writeCString(buf + UTSNAME.nodename, names.node, 65);
      m.writeCString(buf + UTSNAME.release, UTS.release, 65);
      m.writeCString(buf + UTSNAME.version, UTS.version, 65);
      m.writeCString(buf + UTSNAME.machine, UTS.machine, 65);
      m.writeCString(buf + UTSNAME.domainname, names.domain, 65);
      return 0;
    }),
    full('sethostname', setName('node')),
    full('setdomainname', setName('domain')),
  ];
}
