import { err, type Result } from '../../core/result.ts';
import { type Cvss2Score, parseCvss2 } from './cvss2.ts';
import { type Cvss3Score, parseCvss3 } from './cvss3.ts';
import { type Cvss4Score, parseCvss4 } from './cvss4.ts';

/** Any scored CVSS vector; narrow on `version`. */
export type CvssScore = Cvss2Score | Cvss3Score | Cvss4Score;

/**
 * Parses and scores a CVSS vector of any version, chosen by its prefix: `CVSS:3.0/`, `CVSS:3.1/`,
 * `CVSS:4.0/`, or none for v2 (`AV:N/AC:L/Au:N/…`, optionally in parentheses). Invalid vectors
 * (unknown version or metric, duplicate, missing mandatory metric, bad value) give an error naming
 * the problem; this never throws.
 */
export function parseCvss(vector: string): Result<CvssScore> {
  const text = vector.trim();
  if (text === '') return err('empty CVSS vector');
  if (text.startsWith('CVSS:')) {
    const slash = text.indexOf('/');
    const prefix = slash === -1 ? text : text.slice(0, slash);
    switch (prefix) {
      case 'CVSS:3.0':
      case 'CVSS:3.1':
        return parseCvss3(text);
      case 'CVSS:4.0':
        return parseCvss4(text);
      default:
        return err(`unsupported CVSS version prefix "${prefix}"`);
    }
  }
  if (/^\(?AV:/.test(text)) return parseCvss2(text);
  return err(`not a CVSS vector (expected a CVSS:x.y/ prefix or a v2 AV: metric): "${vector}"`);
}
