const DIGEST = /@(sha256:[a-f0-9]{64})$/;

/** The manifest digest an image reference pins (`…@sha256:<hex>`), else undefined. */
export function imageDigest(image: string): string | undefined {
  return DIGEST.exec(image)?.[1];
}

interface SplitReference {
  readonly registry: string | undefined;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

function split(image: string): SplitReference {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  // Docker's rule: the first component is a registry when it looks like a host.
  const isHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  return {
    registry: isHost ? first : undefined,
    path: isHost ? rest.slice(slash + 1) : rest,
    ...(tag === undefined ? {} : { tag }),
    ...(digest === undefined ? {} : { digest }),
  };
}

/**
 * The spellings of one image reference, the one given first: `nginx:1.25`,
 * `docker.io/library/nginx:1.25`; an untagged, undigested reference also as `:latest`. A saved
 * scan is found by whichever spelling the user scanned, and an exemption glob may be written in
 * either form.
 */
export function referenceCandidates(image: string): string[] {
  const out = new Set<string>([image]);
  const s = split(image);
  if (s.path === '') return [...out];
  const suffixes: string[] = [];
  if (s.tag !== undefined) suffixes.push(`:${s.tag}`);
  if (s.digest !== undefined) suffixes.push(`@${s.digest}`);
  const suffix = suffixes.join('');
  const forms: string[] = [];
  const dockerHub =
    s.registry === undefined || s.registry === 'docker.io' || s.registry === 'index.docker.io';
  if (dockerHub) {
    const path = s.path.includes('/') ? s.path : `library/${s.path}`;
    const familiar = path.startsWith('library/') ? path.slice('library/'.length) : path;
    forms.push(`docker.io/${path}`, familiar);
  } else {
    forms.push(`${s.registry}/${s.path}`);
  }
  for (const f of forms) out.add(`${f}${suffix}`);
  if (s.tag === undefined && s.digest === undefined) for (const f of forms) out.add(`${f}:latest`);
  return [...out];
}
