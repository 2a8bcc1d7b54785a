import { type SyscallEntry, type KernelConfig, UTSNAME, full } from '@kandelo/kernel-core';

export const UTS = { sysname: 'Linux', release: '6.1.0-kandelo', version: '#1 SMP kandelo', machine: 'wasm32' } as const;

/** uname: a Linux-compatible identity, so configure scripts and `uname -a` behave. */
export function unameSyscalls(config: KernelConfig): SyscallEntry[] {
  return [
    full('uname', (t, buf) => {
      const m = t.process.memory;
      m.bytes(buf, UTSNAME.size).fill(0);
      m.writeCString(buf + UTSNAME.sysname, UTS.sysname, 65);
      m.writeCString(buf + UTSNAME.nodename, config.hostname, 65);
      m.writeCString(buf + UTSNAME.release, UTS.release, 65);
      m.writeCString(buf + UTSNAME.version, UTS.version, 65);
      m.writeCString(buf + UTSNAME.machine, UTS.machine, 65);
      m.writeCString(buf + UTSNAME.domainname, '(none)', 65);
      return 0;
    }),
  ];
}
