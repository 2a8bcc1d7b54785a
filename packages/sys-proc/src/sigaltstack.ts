import {
  E, full, MINSIGSTKSZ, onAltStack, SS, STACK_T, type SyscallEntry,
} from '@kandelo/kernel-core';

/**
 * sigaltstack: the calling thread's alternate signal stack, where handlers installed with
 * SA_ONSTACK run (the glue switches __stack_pointer to its top). Whether the thread runs on it
 * is read from the stack pointer the glue reports with each call, as Linux reads the user sp:
 * the old stack says SS_ONSTACK then, and a change is refused with EPERM. SS_AUTODISARM is
 * refused (EINVAL), as before Linux 4.7.
 */
export function sigaltstackSyscalls(): SyscallEntry[] {
  return [
    full('sigaltstack', (t, ssp, oldp) => {
      const m = t.process.memory;
      const on = onAltStack(t);
      const cur = t.altStack;
      if (ssp) {
        const sp = m.u32(ssp + STACK_T.ss_sp);
        const flags = m.i32at(ssp + STACK_T.ss_flags);
        const size = m.u32(ssp + STACK_T.ss_size);
        if (on) throw E.EPERM;
        // Linux takes SS_ONSTACK as a synonym of 0 (musl's wrapper refuses it before the call).
        if (flags !== 0 && flags !== SS.ONSTACK && flags !== SS.DISABLE) throw E.EINVAL;
        if (flags === SS.DISABLE) t.altStack = undefined;
        else if (size < MINSIGSTKSZ) throw E.ENOMEM;
        else t.altStack = { sp, size };
      }
      if (oldp) {
        // The old stack as it was before this call; written only on success, as Linux does.
        m.setU32(oldp + STACK_T.ss_sp, cur?.sp ?? 0);
        m.setI32(oldp + STACK_T.ss_flags, !cur ? SS.DISABLE : on ? SS.ONSTACK : 0);
        m.setU32(oldp + STACK_T.ss_size, cur?.size ?? 0);
      }
      return 0;
    }, 'SS_AUTODISARM is refused (EINVAL, as Linux before 4.7)'),
  ];
}
