import type { Profile } from '@kandelo/kernel-core';
import { registerSysFs } from '@kandelo/sys-fs';
import { registerSysMm } from '@kandelo/sys-mm';
import { registerSysProc } from '@kandelo/sys-proc';
import { registerSysPty } from '@kandelo/sys-pty';
import { registerSysTime } from '@kandelo/sys-time';

/** The full default profile: every subsystem package. Hosts boot this unless told otherwise. */
export const defaultProfile: Profile = {
  name: 'default',
  subsystems: [registerSysProc, registerSysMm, registerSysTime, registerSysFs, registerSysPty],
};
