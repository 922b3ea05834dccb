import { throwIfAborted } from '../../../core/errors.ts';
import type { Inventory } from '../../../core/inventory.ts';
import type { Package } from '../../../core/package.ts';
import { binarySha256 } from '../../binary/binary-sha256.ts';
import { isExecutableCandidate } from '../../binary/elf/executable-candidate.ts';
import { findSection, readElf, sectionData } from '../../binary/elf/read-elf.ts';
import type { Extractor } from '../../extractor.ts';
import { fileWarning } from '../../file-warning.ts';
import { cargoEcosystem, cargoId, cargoPurl } from '../cargo-package.ts';
import { parseAuditableSection } from './parse-auditable.ts';

export const AUDITABLE_EXTRACTOR = 'rust/auditable';

/**
 * Crates compiled into Rust programs built with cargo-auditable: the `.dep-v0` ELF section's
 * dependency list (names, versions, sources, edges, build-only crates flagged in metadata). As
 * in Syft, every crate, the root included, gets `pkg:cargo/<name>@<version>`; only crates.io and
 * git crates get the crates.io ecosystem. ELF only; files without the section give nothing; a
 * damaged section is a warning.
 */
export const auditableExtractor: Extractor = {
  name: AUDITABLE_EXTRACTOR,
  version: 1,
  maxFileSize: 512 * 1024 * 1024,
  selfContained: true,
  fileRequired: isExecutableCandidate,
  async extract(input): Promise<Inventory> {
    throwIfAborted(input.signal);
    const warn = fileWarning(input, AUDITABLE_EXTRACTOR);
    const bytes = await input.read();
    let crates: ReturnType<typeof parseAuditableSection>;
    try {
      const elf = readElf(bytes);
      const section = elf && findSection(elf, '.dep-v0');
      if (!elf || !section) return { packages: [] };
      crates = parseAuditableSection(sectionData(elf, section));
    } catch (e) {
      return { packages: [], warnings: [warn(`cannot read Rust dependency data: ${(e as Error).message}`)] };
    }
    const location = { path: input.path, ...(input.stat.layer ? { layer: input.stat.layer } : {}) };
    const ids = crates.map((c) => cargoId(c.name, c.version, c.source));
    const packages: Package[] = [];
    const seen = new Set<string>();
    for (const [i, c] of crates.entries()) {
      const id = ids[i]!;
      if (seen.has(id)) continue;
      seen.add(id);
      const ecosystem = cargoEcosystem(c.source);
      packages.push({
        id,
        name: c.name,
        version: c.version,
        type: 'cargo',
        ...(ecosystem ? { ecosystem } : {}),
        purl: cargoPurl(c.name, c.version, c.source),
        licenses: [],
        locations: [location],
        dependsOn: [...new Set(c.dependencies.map((d) => ids[d]!))],
        ...(c.root ? { hashes: [binarySha256(bytes)] } : {}),
        foundBy: AUDITABLE_EXTRACTOR,
        metadata: { source: c.source, kind: c.kind, ...(c.root ? { root: true } : {}) },
      });
    }
    return { packages };
  },
};
