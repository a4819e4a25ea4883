// Counts passed/failed/skipped browser tests so scripts/test.mjs can print the
// single `N passed, N failed` line CI reads. A file that fails to load counts as
// one failure, so a broken import can never pass silently.
import { writeFileSync } from 'node:fs';

function countSuite(suite, counts) {
  for (const test of suite.tests) {
    if (test.skipped) counts.skipped += 1;
    else if (test.passed) counts.passed += 1;
    else counts.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, counts);
}

export function countingReporter() {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) countSuite(session.testResults, counts);
        if ((session.errors?.length ?? 0) > 0) counts.failed += 1;
      }
      const out = process.env.MOODIARY_WTR_COUNTS;
      if (out) writeFileSync(out, JSON.stringify(counts));
      else
        console.log(`browser: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
    },
  };
}
