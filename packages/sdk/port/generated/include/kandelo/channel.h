/* Generated from @kandelo/kernel-core (src/abi). Do not edit: run `npm run gen-headers -w @kandelo/sdk`. */

#ifndef KANDELO_CHANNEL_H
#define KANDELO_CHANNEL_H
#define KANDELO_ABI_VERSION 2
#define KANDELO_CH_STATE 0
#define KANDELO_CH_NR 4
#define KANDELO_CH_ARGS 8
#define KANDELO_CH_RESULT 56
#define KANDELO_CH_SIGNAL 64
#define KANDELO_CH_WAITING 68
#define KANDELO_CH_SPIN 72
#define KANDELO_CH_SIG_HANDLER 76
#define KANDELO_CH_SIG_FLAGS 80
#define KANDELO_CH_SIG_OLDMASK 88
#define KANDELO_CH_PARKED 96
#define KANDELO_CH_CALL_SP 100
#define KANDELO_CH_SIG_STACK 104
#define KANDELO_CH_ATTENTION 108
#define KANDELO_CH_IO_KICK 112
#define KANDELO_CH_IO_WAIT 116
#define KANDELO_CH_SIGINFO 128
#define KANDELO_CH_SIZE 256
#define KANDELO_CH_ALIGN 8
#define KANDELO_CH_NARGS 6
#define KANDELO_STATE_IDLE 0
#define KANDELO_STATE_PENDING 1
#define KANDELO_STATE_COMPLETE 2
#define KANDELO_PARKED_NO 0
#define KANDELO_PARKED_HELD 1
#define KANDELO_PARKED_SERVING 2
#define KANDELO_SPIN_SLEEP_HINT 63
#define KANDELO_ERESTART 512
#define KANDELO_RING_MODULE "kandelo"
#define KANDELO_RING_NAME "ring"
#define KANDELO_IO_MODULE "kandelo"
#define KANDELO_IO_NAME "io"
#define KANDELO_IO_KERNEL -1
#define KANDELO_START_EXPORT "__kandelo_start"
#define KANDELO_THREAD_START_EXPORT "__kandelo_thread_start"
#define KANDELO_FORK_MODULE "kandelo"
#define KANDELO_FORK_NAME "fork"
#define KANDELO_FORK_BUFFER_EXPORT "__kandelo_fork_buffer"
#define KANDELO_FORK_BUFFER_SIZE 65536
#define KANDELO_ABI_EXPORT "__kandelo_abi"
#define KANDELO_POLL_EXPORT "__kandelo_poll"
#endif
