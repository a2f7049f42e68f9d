// Adds up the .trx files of a test run and prints one closing line: "N passed, N failed, N skipped".
// Exits 1 when no test ran or any failed, so CI cannot pass on an empty run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'TestResults';
let passed = 0, failed = 0, skipped = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.trx'))) {
  const counters = readFileSync(join(dir, file), 'utf8').match(/<Counters [^>]*>/);
  if (!counters) continue;
  const get = (name) => Number((counters[0].match(new RegExp(`\\b${name}="(\\d+)"`)) ?? [])[1] ?? 0);
  passed += get('passed');
  failed += get('failed') + get('error') + get('timeout') + get('aborted');
  skipped += get('notExecuted');
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
