import { E, partial, type SyscallEntry } from '@kandelo/kernel-core';

/**
 * The socket calls that take a descriptor. No socket exists yet (socket and socketpair answer
 * ENOSYS until sys-net), so no descriptor is a socket: EBADF for a closed one, else ENOTSOCK, as
 * Linux answers for a file, instead of ENOSYS (programs and gnulib's tests probe these errnos).
 */
export function socketFdSyscalls(): SyscallEntry[] {
  return ['bind', 'listen', 'accept', 'accept4', 'connect', 'getsockname', 'getpeername', 'sendto', 'recvfrom',
    'setsockopt', 'getsockopt', 'shutdown', 'sendmsg', 'recvmsg', 'sendmmsg', 'recvmmsg_time64']
    .map((n) => partial(n, (t, fd) => {
      t.process.fds.get(fd);
      throw E.ENOTSOCK;
    }, 'no sockets yet (socket is ENOSYS): EBADF for a closed descriptor, ENOTSOCK for any other'));
}
