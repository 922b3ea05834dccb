import { stat } from 'node:fs/promises';
import { parsePlatform } from '../artifact/oci/select-platform.ts';
import { openImage } from '../artifact/open-image.ts';
import { BulwarkError, ErrorCodes } from '../core/errors.ts';
import type { ScanResult } from '../core/scan-result.ts';
import { extractorSet } from '../extract/registry.ts';
import { scanDirectory, scanImage } from '../extract/scan.ts';
import { formatBytes, Progress } from './progress.ts';

export interface TargetOptions {
  platform: string;
  insecure?: boolean;
  username?: string;
  password?: string;
  quiet?: boolean;
}

export type TargetMode = 'image' | 'rootfs' | 'filesystem' | 'repository' | 'auto';

/**
 * Scans what the user named. `auto` (used by `sbom`): a directory holding an OCI layout is an
 * image, another directory a root filesystem, anything else an image archive or registry ref.
 */
export async function scanTarget(
  target: string,
  mode: TargetMode,
  opts: TargetOptions,
  signal: AbortSignal,
): Promise<ScanResult> {
  const progress = new Progress(opts.quiet);
  const extractors = extractorSet('default');
  try {
    let resolved = mode;
    if (mode === 'auto') {
      const st = await stat(target).catch(() => undefined);
      const isLayout =
        st?.isDirectory() && (await stat(`${target}/oci-layout`).catch(() => undefined)) !== undefined;
      resolved = st?.isDirectory() && !isLayout ? 'rootfs' : 'image';
    }
    if (resolved === 'rootfs' || resolved === 'filesystem' || resolved === 'repository') {
      const st = await stat(target).catch(() => undefined);
      if (!st?.isDirectory()) {
        throw new BulwarkError(ErrorCodes.INPUT_NOT_FOUND, `${target}: not a directory`, { subject: target });
      }
      return await scanDirectory(target, resolved, {
        extractors,
        signal,
        onFileProgress: (n) => progress.update(`Walking ${target}: ${n} files`),
      });
    }
    progress.update(`Opening ${target}…`, true);
    const source = await openImage(target, {
      platform: parsePlatform(opts.platform),
      signal,
      ...(opts.insecure ? { insecure: true } : {}),
      ...(opts.username !== undefined ? { username: opts.username } : {}),
      ...(opts.password !== undefined ? { password: opts.password } : {}),
    });
    try {
      return await scanImage(source, {
        extractors,
        signal,
        onLayerProgress: (p) =>
          progress.update(
            `Reading layer ${p.layer + 1}/${p.layers}: ${formatBytes(p.bytes)}${p.totalBytes ? ` of ${formatBytes(p.totalBytes)}` : ''}`,
          ),
      });
    } finally {
      await source.close();
    }
  } finally {
    progress.done();
  }
}
