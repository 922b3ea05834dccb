import { parseAllDocuments } from 'yaml';
import { isRecord } from '../../../core/is-record.ts';
import type { LockNode } from '../npm-package.ts';

import { parsePnpmDocument } from './parse-pnpm-document.ts';

/**
 * A pnpm-lock.yaml (lockfile v5.x, 6.0, 7/8 (= 6.x keys), 9.0) → lock nodes with edges and
 * direct/dev flags. pnpm ≥ 11 writes several YAML documents in one file (its own install first,
 * then the project); each is read, and a document without `lockfileVersion` inherits the one
 * before. Throws when the file is empty or its first document is unusable; a later bad document
 * becomes a warning and the packages read so far are kept.
 */
export function parsePnpmLock(text: string): { nodes: LockNode[]; warnings: string[] } {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const nodes: LockNode[] = [];
  const warnings: string[] = [];
  let established: number | undefined;
  let index = 0;
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    index++;
    try {
      if (doc.errors.length > 0) throw new Error(`invalid YAML: ${doc.errors[0]!.message}`);
      const json: unknown = doc.toJS({ maxAliasCount: 0 });
      if (json === null || json === undefined) continue; // comment-only or trailing `---`
      if (!isRecord(json)) throw new Error('the document is not a mapping');
      const version = pnpmDocumentVersion(json, established);
      established = version;
      nodes.push(...parsePnpmDocument(json, version, `${index}:`));
    } catch (e) {
      const message = `pnpm-lock.yaml document ${index}: ${(e as Error).message}`;
      if (established === undefined) throw new Error(message);
      warnings.push(message);
    }
  }
  if (established === undefined) throw new Error('pnpm-lock.yaml holds no lockfile document (empty file?)');
  return { nodes, warnings };
}

/** The document's own lockfileVersion, else the one established by earlier documents; throws when neither is usable. */
export function pnpmDocumentVersion(doc: Record<string, unknown>, established: number | undefined): number {
  const raw = doc.lockfileVersion;
  if (raw === undefined) {
    if (established === undefined) throw new Error('no lockfileVersion');
    return established;
  }
  const v = Number.parseFloat(String(raw));
  if (!Number.isFinite(v)) throw new Error(`lockfileVersion "${String(raw)}" is not a number`);
  return v;
}
