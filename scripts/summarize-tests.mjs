// Prints the closing line CI reads ("N passed, N failed, N skipped") from vitest's JSON reports (one per lane of
// scripts/test.sh, summed); a skipped or empty run is a failure, because here a missing capability must fail, never
// skip. A report that is missing or unreadable (its run died) counts as a failure.
import { readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`no test report in ${file}: ${error.message}`);
    failed += 1;
    continue;
  }
  if ((report.numTotalTests ?? 0) === 0) {
    console.error(`the report in ${file} holds no test`);
    failed += 1;
  }
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
  skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0 || (skipped > 0 && process.env.CI === 'true')) process.exit(1);
