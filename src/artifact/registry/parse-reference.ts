import { BulwarkError, ErrorCodes } from '../../core/errors.ts';

/** A registry image reference, normalised the way Docker does it. */
export interface ImageReference {
  /** Registry as users write it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  readonly registry: string;
  /** host[:port] the API is served on: `registry-1.docker.io` for Docker Hub, else `registry`. */
  readonly endpoint: string;
  /** Repository path inside the registry: `library/alpine`, `team/app`. */
  readonly repository: string;
  /** The tag; `latest` when neither a tag nor a digest was given. */
  readonly tag?: string;
  /** `sha256:…` when the reference pins one; pulls use it in preference to the tag. */
  readonly digest?: string;
  /** Docker's short form of registry + repository: `alpine`, `user/app`, `ghcr.io/org/app`. */
  readonly familiarName: string;
}

export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ENDPOINT = 'registry-1.docker.io';
const MAX_NAME_LENGTH = 255;

// The grammar of distribution/reference, anchored piece by piece.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const HEX_64 = /^[a-f0-9]{64}$/;

function invalid(ref: string, why: string): BulwarkError {
  return new BulwarkError(ErrorCodes.REFERENCE_INVALID, `Invalid image reference "${ref}": ${why}`, {
    subject: ref,
  });
}

/** Docker's rule: the first component is a registry when it has a dot or a port, is `localhost`, or has capitals. */
function splitDomain(name: string): { domain: string | undefined; path: string } {
  const slash = name.indexOf('/');
  if (slash === -1) return { domain: undefined, path: name };
  const first = name.slice(0, slash);
  const isDomain = /[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first;
  return isDomain ? { domain: first, path: name.slice(slash + 1) } : { domain: undefined, path: name };
}

/**
 * Parses `[registry/]repository[:tag][@digest]` like `docker pull` does: Docker Hub by default
 * (with `library/` for official images), `latest` when neither tag nor digest is given.
 * Throws E_REFERENCE_INVALID naming what is wrong.
 */
export function parseReference(ref: string): ImageReference {
  if (ref.length === 0) throw invalid(ref, 'it is empty');
  if (/\s/.test(ref)) throw invalid(ref, 'it contains whitespace');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(ref))
    throw invalid(ref, 'leave out the URL scheme (write host/repository:tag)');

  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest))
      throw invalid(ref, `"${digest}" is not a sha256:<64 hex> or sha512:<128 hex> digest`);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  // A colon after the last slash starts a tag; before it, it is a registry port.
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw invalid(ref, `"${tag}" is not a valid tag`);
  }
  if (rest.length === 0) throw invalid(ref, 'the repository name is missing');
  if (HEX_64.test(rest) && at === -1 && tag === undefined) {
    throw invalid(ref, 'a 64-character hex string is an image ID, not a repository name');
  }

  const { domain, path } = splitDomain(rest);
  if (domain !== undefined && !DOMAIN.test(domain))
    throw invalid(ref, `"${domain}" is not a valid registry host`);
  if (path.length === 0) throw invalid(ref, 'the repository name is missing');
  for (const component of path.split('/')) {
    if (component !== component.toLowerCase()) throw invalid(ref, 'repository names must be lowercase');
    if (!PATH_COMPONENT.test(component))
      throw invalid(ref, `"${component}" is not a valid repository path component`);
  }

  let registry = domain ?? DOCKER_HUB;
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  if (registry.length + 1 + repository.length > MAX_NAME_LENGTH) {
    throw invalid(ref, `the name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  const familiarName =
    registry === DOCKER_HUB ? repository.replace(/^library\/(?=[^/]+$)/, '') : `${registry}/${repository}`;
  return {
    registry,
    endpoint: registry === DOCKER_HUB ? DOCKER_HUB_ENDPOINT : registry,
    repository,
    ...(tag !== undefined || digest === undefined ? { tag: tag ?? 'latest' } : {}),
    ...(digest !== undefined ? { digest } : {}),
    familiarName,
  };
}
