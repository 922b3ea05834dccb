/** The tag and digest of an image reference, read from its text. */
export interface ImageReferenceParts {
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Splits `registry:5000/team/app:1.2@sha256:…` into tag `1.2` and the digest. The tag is looked
 * for in the last path segment only, so a registry port is never read as a tag.
 */
export function imageReferenceParts(image: string): ImageReferenceParts {
  const at = image.indexOf('@');
  const name = at === -1 ? image : image.slice(0, at);
  const digest = at === -1 ? '' : image.slice(at + 1);
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  const tag = colon === -1 ? '' : last.slice(colon + 1);
  return {
    ...(tag !== '' ? { tag } : {}),
    ...(/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(digest) ? { digest } : {}),
  };
}
