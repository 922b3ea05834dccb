import type { ConfigLocation } from './config-finding.ts';

/** `deploy/pod.yaml:12`, `Dockerfile:7-9`, or just the file when the finding has no line. */
export function configLocationLabel(l: Pick<ConfigLocation, 'file' | 'startLine' | 'endLine'>): string {
  if (l.startLine === undefined) return l.file;
  const end = l.endLine !== undefined && l.endLine > l.startLine ? `-${l.endLine}` : '';
  return `${l.file}:${l.startLine}${end}`;
}
