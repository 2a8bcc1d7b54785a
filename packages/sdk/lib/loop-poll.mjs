// Loop polling: at the head of every loop, a check of the process's attention word (the glue's
// __kandelo_attention, at a link-time address) and, when it is set, a call to the glue's
// __kandelo_poll, which makes a system call if the request is the running thread's. The kernel
// sets the word when a signal is to be handled or the process stops, so a program spinning
// without syscalls still stops and runs its handlers. A constant address makes the check one
// compare of memory with 0 and a branch, hinted not taken (branch-hints.mjs): V8 emits
// `cmp [mem+A], 0; jnz`, like its own stack check. (A per-thread address in a global cost 2-3 more
// instructions per iteration on Node 20 and 22.)
//
// Binaryen's JS API has no visitor: the walk below reads children through its C API, one getter
// table per expression kind our modules can contain (MVP, threads, SIMD, bulk memory, legacy
// exception handling, tuples); anything else throws.

/** The exported global holding the attention word's address (wasm-ld makes it). */
export const ATTENTION_EXPORT = '__kandelo_attention';
export const POLL_EXPORT = '__kandelo_poll';

/**
 * Functions never instrumented: the syscall glue (a poll inside it would recurse, or let the kernel
 * overwrite a signal not yet taken from the channel) and what the linker synthesises (memory and
 * TLS set-up, run before there is a channel).
 */
export const NOT_POLLED = new Set(['__kandelo_syscall', '__kandelo_call', '__kandelo_deliver_signal', POLL_EXPORT]);
const isNotPolled = (name) => NOT_POLLED.has(name) || name.startsWith('__wasm_');

/** children[id](expr, out) pushes the child expressions of `expr` onto `out`. */
function childTable(b) {
  const one = (get) => (e, out) => {
    const c = get(e);
    if (c) out.push(c);
  };
  const many = (count, at) => (e, out) => {
    for (let i = count(e) - 1; i >= 0; i--) out.push(at(e, i));
  };
  const all = (...fs) => (e, out) => {
    for (const f of fs) f(e, out);
  };
  const t = [];
  const leaf = () => {};
  for (const id of ['LocalGetId', 'GlobalGetId', 'ConstId', 'MemorySizeId', 'NopId', 'UnreachableId',
    'AtomicFenceId', 'DataDropId', 'PopId', 'RethrowId', 'RefNullId', 'RefFuncId']) t[b[id]] = leaf;
  t[b.BlockId] = many(b._BinaryenBlockGetNumChildren, b._BinaryenBlockGetChildAt);
  t[b.IfId] = all(one(b._BinaryenIfGetCondition), one(b._BinaryenIfGetIfTrue), one(b._BinaryenIfGetIfFalse));
  t[b.LoopId] = one(b._BinaryenLoopGetBody);
  t[b.BreakId] = all(one(b._BinaryenBreakGetCondition), one(b._BinaryenBreakGetValue));
  t[b.SwitchId] = all(one(b._BinaryenSwitchGetCondition), one(b._BinaryenSwitchGetValue));
  t[b.CallId] = many(b._BinaryenCallGetNumOperands, b._BinaryenCallGetOperandAt);
  t[b.CallIndirectId] = all(one(b._BinaryenCallIndirectGetTarget),
    many(b._BinaryenCallIndirectGetNumOperands, b._BinaryenCallIndirectGetOperandAt));
  t[b.LocalSetId] = one(b._BinaryenLocalSetGetValue);
  t[b.GlobalSetId] = one(b._BinaryenGlobalSetGetValue);
  t[b.LoadId] = one(b._BinaryenLoadGetPtr);
  t[b.StoreId] = all(one(b._BinaryenStoreGetPtr), one(b._BinaryenStoreGetValue));
  t[b.UnaryId] = one(b._BinaryenUnaryGetValue);
  t[b.BinaryId] = all(one(b._BinaryenBinaryGetLeft), one(b._BinaryenBinaryGetRight));
  t[b.SelectId] = all(one(b._BinaryenSelectGetIfTrue), one(b._BinaryenSelectGetIfFalse), one(b._BinaryenSelectGetCondition));
  t[b.DropId] = one(b._BinaryenDropGetValue);
  t[b.ReturnId] = one(b._BinaryenReturnGetValue);
  t[b.MemoryGrowId] = one(b._BinaryenMemoryGrowGetDelta);
  t[b.AtomicRMWId] = all(one(b._BinaryenAtomicRMWGetPtr), one(b._BinaryenAtomicRMWGetValue));
  t[b.AtomicCmpxchgId] = all(one(b._BinaryenAtomicCmpxchgGetPtr), one(b._BinaryenAtomicCmpxchgGetExpected),
    one(b._BinaryenAtomicCmpxchgGetReplacement));
  t[b.AtomicWaitId] = all(one(b._BinaryenAtomicWaitGetPtr), one(b._BinaryenAtomicWaitGetExpected), one(b._BinaryenAtomicWaitGetTimeout));
  t[b.AtomicNotifyId] = all(one(b._BinaryenAtomicNotifyGetPtr), one(b._BinaryenAtomicNotifyGetNotifyCount));
  t[b.SIMDExtractId] = one(b._BinaryenSIMDExtractGetVec);
  t[b.SIMDReplaceId] = all(one(b._BinaryenSIMDReplaceGetVec), one(b._BinaryenSIMDReplaceGetValue));
  t[b.SIMDShuffleId] = all(one(b._BinaryenSIMDShuffleGetLeft), one(b._BinaryenSIMDShuffleGetRight));
  t[b.SIMDTernaryId] = all(one(b._BinaryenSIMDTernaryGetA), one(b._BinaryenSIMDTernaryGetB), one(b._BinaryenSIMDTernaryGetC));
  t[b.SIMDShiftId] = all(one(b._BinaryenSIMDShiftGetVec), one(b._BinaryenSIMDShiftGetShift));
  t[b.SIMDLoadId] = one(b._BinaryenSIMDLoadGetPtr);
  t[b.SIMDLoadStoreLaneId] = all(one(b._BinaryenSIMDLoadStoreLaneGetPtr), one(b._BinaryenSIMDLoadStoreLaneGetVec));
  t[b.MemoryInitId] = all(one(b._BinaryenMemoryInitGetDest), one(b._BinaryenMemoryInitGetOffset), one(b._BinaryenMemoryInitGetSize));
  t[b.MemoryCopyId] = all(one(b._BinaryenMemoryCopyGetDest), one(b._BinaryenMemoryCopyGetSource), one(b._BinaryenMemoryCopyGetSize));
  t[b.MemoryFillId] = all(one(b._BinaryenMemoryFillGetDest), one(b._BinaryenMemoryFillGetValue), one(b._BinaryenMemoryFillGetSize));
  t[b.TryId] = all(one(b._BinaryenTryGetBody), many(b._BinaryenTryGetNumCatchBodies, b._BinaryenTryGetCatchBodyAt));
  t[b.ThrowId] = many(b._BinaryenThrowGetNumOperands, b._BinaryenThrowGetOperandAt);
  t[b.TupleMakeId] = many(b._BinaryenTupleMakeGetNumOperands, b._BinaryenTupleMakeGetOperandAt);
  t[b.TupleExtractId] = one(b._BinaryenTupleExtractGetTuple);
  return t;
}

/**
 * Instruments every loop of every defined function of `mod` (a binaryen Module) but the glue's:
 * each loop body B becomes `(if (i32.load (i32.const A)) (call $poll)) B`, A the attention word's
 * address. Drops the poll export. Returns { loops, address }, loops -1 when the module has no poll
 * function or attention word (not linked against our libc) or was instrumented already.
 */
export function instrumentLoops(b, mod) {
  const pollExport = mod.getExport(POLL_EXPORT);
  const wordExport = mod.getExport(ATTENTION_EXPORT);
  if (!pollExport || !wordExport) return { loops: -1, address: 0 };
  const poll = b.getExportInfo(pollExport).value;
  const init = b.getGlobalInfo(mod.getGlobal(b.getExportInfo(wordExport).value)).init;
  const address = b.getExpressionInfo(init).value;
  if (!Number.isInteger(address) || address <= 0 || address % 4) throw new Error(`bad ${ATTENTION_EXPORT} address ${address}`);
  mod.removeExport(POLL_EXPORT);

  const children = childTable(b);
  const getId = b._BinaryenExpressionGetId;
  const getType = b._BinaryenExpressionGetType;
  const loopId = b.LoopId;
  const check = () => mod.if(mod.i32.load(0, 4, mod.i32.const(address)), mod.call(poll, [], b.none));
  let loops = 0;
  const stack = [];
  for (let i = 0, n = mod.getNumFunctions(); i < n; i++) {
    const f = mod.getFunctionByIndex(i);
    const info = b.getFunctionInfo(f);
    if (!info.body || isNotPolled(info.name)) continue; // (imports have no body)
    stack.push(info.body);
    while (stack.length) {
      const e = stack.pop();
      const id = getId(e);
      const visit = children[id];
      if (!visit) throw new Error(`loop polling: unexpected expression kind ${id} in ${info.name}`);
      visit(e, stack);
      if (id !== loopId) continue;
      const body = b._BinaryenLoopGetBody(e);
      b._BinaryenLoopSetBody(e, mod.block(null, [check(), body], getType(body)));
      loops++;
    }
  }
  return { loops, address };
}
