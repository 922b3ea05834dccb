/** The tag and digest of an image reference, as far as they can be read from the text. */
export interface ImageRefParts {
  readonly tag?: string;
  readonly digest?: string;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/**
 * Splits `registry:5000/team/app:1.2@sha256:…` into its tag (`1.2`) and digest. The tag is read from
 * the last path segment only, so a registry port is never taken for a tag. A malformed digest counts
 * as none: it would not pin anything.
 */
export function imageRefParts(image: string): ImageRefParts {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  const colon = lastSegment.lastIndexOf(':');
  const tag = colon === -1 ? undefined : lastSegment.slice(colon + 1);
  return {
    ...(tag !== undefined && tag !== '' ? { tag } : {}),
    ...(digest !== undefined && DIGEST.test(digest) ? { digest } : {}),
  };
}

/** Images to leave alone: absent, empty, or still a template (`{{ .Values.image }}`) that was never rendered. */
export function isCheckableImage(image: unknown): image is string {
  return typeof image === 'string' && image.trim() !== '' && !image.includes('{{');
}
