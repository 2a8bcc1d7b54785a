// docs/port-test-suites.md: the counts of each port's own test suite run inside the kernel, and
// every failing test with the reason its recipe gives.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarize } from './check-port.mjs';

const pct = (x) => `${(100 * x).toFixed(1)}%`;

/** Writes the report for `ports` (names) from `resultOf(name)` (a stored run, or undefined). */
export function writeReport(repoRoot, ports, resultOf) {
  const lines = [
    '# The ports\' own test suites in the kernel',
    '',
    'Each port\'s upstream test suite (`make check`), run inside the kernel by `npm run test:ports`',
    '(scripts/test-ports.mjs), with our dash as /bin/sh, our make and the other ports as the tools.',
    'Pass rate: PASS and XFAIL over the tests that ran (SKIP left out). Generated; do not edit.',
    '',
    '| port | tests | pass | fail | skip | xfail | xpass | error | pass rate | time (s) | run on |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const details = [];
  for (const name of ports) {
    const r = resultOf(name);
    if (!r) {
      lines.push(`| ${name} | not run | | | | | | | | | |`);
      continue;
    }
    const s = summarize(r.rows);
    const c = s.counts;
    lines.push(`| ${name} | ${s.total} | ${c.PASS} | ${c.FAIL} | ${c.SKIP} | ${c.XFAIL} | ${c.XPASS} | ${c.ERROR} | ${pct(s.passRate)} | ${Math.round(r.seconds)} | ${r.ranAt.slice(0, 10)} |`);
    if (r.note) details.unshift(`- ${name}: ${r.note}`);
    const bad = r.rows.filter((x) => ['FAIL', 'ERROR', 'XPASS'].includes(x.result));
    if (bad.length) {
      details.push('', `## ${name}: failures`, '');
      for (const b of bad) details.push(`- \`${b.test}\` (${b.result}): ${r.known?.[b.test] ?? '**not explained yet**'}`);
    }
  }
  const file = join(repoRoot, 'docs/port-test-suites.md');
  // Notes on how a run was made come right under the table, before the failures.
  const notes = details.filter((l) => l.startsWith('- ') && !l.startsWith('- `'));
  const rest = details.filter((l) => !notes.includes(l));
  writeFileSync(file, [...lines, ...(notes.length ? ['', ...notes] : []), ...rest, ''].join('\n'));
  return file;
}
