/** A qualitative severity rating. CVSS v2 only ever yields LOW, MEDIUM or HIGH (the NVD v2 bands). */
export type CvssSeverity = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export type CvssVersion = '2.0' | '3.0' | '3.1' | '4.0';

/**
 * Maps a score to its rating. v3.x and v4.0 use the FIRST qualitative scale (0 NONE, 0.1–3.9 LOW,
 * 4.0–6.9 MEDIUM, 7.0–8.9 HIGH, 9.0–10 CRITICAL); v2 has no official scale, so this uses NVD's
 * (0–3.9 LOW, 4.0–6.9 MEDIUM, 7.0–10 HIGH).
 */
export function severityRating(score: number, version: CvssVersion): CvssSeverity {
  if (version === '2.0') {
    if (score < 4) return 'LOW';
    return score < 7 ? 'MEDIUM' : 'HIGH';
  }
  if (score <= 0) return 'NONE';
  if (score < 4) return 'LOW';
  if (score < 7) return 'MEDIUM';
  return score < 9 ? 'HIGH' : 'CRITICAL';
}
