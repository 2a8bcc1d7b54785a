import { E, partial, type SyscallEntry } from '@kandelo/kernel-core';

/**
 * The socket calls. No address family exists yet (until sys-net): socket and socketpair answer
 * EAFNOSUPPORT, as Linux does for a family it has no support for. Not ENOSYS: musl's nscd client
 * (getgrouplist, initgroups, the getpw and getgr fallbacks) takes EAFNOSUPPORT as "no nscd" and
 * reads /etc/group alone, while any other error fails the call (`id root` looped to "memory
 * exhausted"). So no descriptor is a socket: EBADF for a closed one, else ENOTSOCK, as Linux
 * answers for a file (programs and gnulib's tests probe these errnos).
 */
export function socketFdSyscalls(): SyscallEntry[] {
  const noFamily = 'no address family yet: EAFNOSUPPORT';
  return [
    partial('socket', () => {
      throw E.EAFNOSUPPORT;
    }, noFamily),
    partial('socketpair', () => {
      throw E.EAFNOSUPPORT;
    }, noFamily),
    ...['bind', 'listen', 'accept', 'accept4', 'connect', 'getsockname', 'getpeername', 'sendto', 'recvfrom',
      'setsockopt', 'getsockopt', 'shutdown', 'sendmsg', 'recvmsg', 'sendmmsg', 'recvmmsg_time64']
      .map((n) => partial(n, (t, fd) => {
        t.process.fds.get(fd);
        throw E.ENOTSOCK;
      }, 'no sockets yet (socket is EAFNOSUPPORT): EBADF for a closed descriptor, ENOTSOCK for any other')),
  ];
}
