import type { FileStat } from '../../../core/readonly-fs.ts';

/** Folders whose files are programs even when a layer lost their mode bits. */
const BIN_DIRS = new Set(['bin', 'sbin', 'usr/bin', 'usr/sbin', 'usr/local/bin', 'usr/local/sbin']);
/** Executable-bit files that are never ELF programs: scripts, data, archives. Saves reading them. */
const NOT_BINARY =
  /\.(?:sh|bash|zsh|py|pyc|pl|pm|rb|js|mjs|cjs|ts|php|lua|tcl|txt|md|json|ya?ml|toml|xml|html?|css|conf|cfg|ini|jar|war|ear|zip|gz|tgz|bz2|xz|zst|tar|whl|egg|desktop|service|ps1|bat|cmd|csv|png|jpe?g|gif|svg|pem|crt|key)$/i;
/** Smaller than an ELF header plus a section table: nothing to find. */
const MIN_SIZE = 128;

/**
 * Cheap pre-filter for extractors that read ELF programs (go/binary, rust/auditable): regular
 * files with an executable bit, or any file in a bin/sbin folder, that are not obviously scripts
 * or data. Shared libraries (`.so`) qualify only with an executable bit: reading every library of
 * an image to find the rare Go c-shared or Rust cdylib one costs more than it finds.
 */
export function isExecutableCandidate(path: string, stat: FileStat): boolean {
  if (stat.type !== 'file' || stat.size < MIN_SIZE) return false;
  if (NOT_BINARY.test(path)) return false;
  if ((stat.mode & 0o111) !== 0) return true;
  const slash = path.lastIndexOf('/');
  return slash > 0 && BIN_DIRS.has(path.slice(0, slash));
}
