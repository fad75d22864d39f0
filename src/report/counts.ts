import type { Finding } from '../scan/finding.js';

/** Errors (severity 2) and warnings (severity 1) among findings. */
export function countBySeverity(findings: readonly Finding[]): { errorCount: number; warningCount: number } {
  let errorCount = 0;
  for (const finding of findings) if (finding.severity === 2) errorCount += 1;
  return { errorCount, warningCount: findings.length - errorCount };
}
