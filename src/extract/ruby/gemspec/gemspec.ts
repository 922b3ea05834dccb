import { posix } from 'node:path';
import { throwIfAborted } from '../../../core/errors.ts';
import type { Extractor } from '../../extractor.ts';
import { fileLocation } from '../../file-location.ts';
import { normalizeLicense } from '../../license/normalize-license.ts';
import { decodeText, gemId, gemPurl } from '../gem-package.ts';
import { parseGemspec } from './parse-gemspec.ts';

export const GEMSPEC_EXTRACTOR = 'ruby/gemspec';

/**
 * Installed gems: the `specifications/**\/*.gemspec` files RubyGems writes when it installs a gem
 * (name, version, licences, authors, homepage, files), read with regexes, never evaluated.
 * Dependencies are recorded in metadata, not resolved to edges (the sibling specs are not read).
 */
export const gemspecExtractor: Extractor = {
  name: GEMSPEC_EXTRACTOR,
  version: 1,
  maxFileSize: 4 * 1024 * 1024,
  selfContained: true,
  fileRequired(path, stat) {
    return stat.type === 'file' && path.endsWith('.gemspec') && /(^|\/)specifications\//.test(path);
  },
  async extract(input) {
    throwIfAborted(input.signal);
    const spec = parseGemspec(decodeText(await input.read(), 'gemspec'));
    if (!spec.name || !spec.version) {
      throw new Error(`not an installed gemspec: no literal ${spec.name ? 'version' : 'name'}`);
    }
    const name = spec.name;
    const version = spec.version;
    return {
      packages: [
        {
          id: gemId(name, version, spec.platform),
          name,
          version,
          type: 'gem',
          ecosystem: 'RubyGems',
          purl: gemPurl(name, version, spec.platform),
          licenses: [...new Set(spec.licenses.map(normalizeLicense).filter(Boolean))],
          locations: [fileLocation(input)],
          // Paths in s.files are relative to the gem's own folder (gems/<name>-<version>/).
          ...(spec.files.length > 0
            ? {
                files: spec.files.map((f) =>
                  posix.join(
                    gemDir(input.path, `${name}-${version}${spec.platform ? `-${spec.platform}` : ''}`),
                    f,
                  ),
                ),
              }
            : {}),
          foundBy: GEMSPEC_EXTRACTOR,
          metadata: {
            ...(spec.authors.length > 0 ? { authors: spec.authors } : {}),
            ...(spec.homepage ? { homepage: spec.homepage } : {}),
            ...(spec.platform ? { platform: spec.platform } : {}),
            ...(spec.summary ? { summary: spec.summary } : {}),
            ...(spec.runtimeDependencies.length > 0 ? { runtimeDependencies: spec.runtimeDependencies } : {}),
          },
        },
      ],
    };
  },
};

/** `…/specifications/x.gemspec` → `…/gems/<name>-<version>[-<platform>]` (RubyGems' layout). */
function gemDir(specPath: string, fullName: string): string {
  const root = specPath.slice(0, specPath.lastIndexOf('specifications/'));
  return `${root}gems/${fullName}`;
}
