/**
 * Debian release numbers by codename, as used in OSV ecosystems (`Debian:12`). From etch (4.0) on
 * the major number names a release; before that, the point release did (woody 3.0, sarge 3.1), so
 * those keep both parts or woody and sarge would share one ecosystem. `sid` (unstable) has no
 * number: it is `Debian:unstable`, as vunnel names it, because `debian:sid` images exist and need
 * matching (osv.dev leaves sid out).
 */
const RELEASES: Readonly<Record<string, string>> = {
  buzz: '1.1',
  rex: '1.2',
  bo: '1.3',
  hamm: '2.0',
  slink: '2.1',
  potato: '2.2',
  woody: '3.0',
  sarge: '3.1',
  etch: '4',
  lenny: '5',
  squeeze: '6',
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15',
  sid: 'unstable',
};

/** `Debian:<number>` for a release codename (`jessie` → `Debian:8`); undefined when unknown. */
export function debianEcosystem(codename: string): string | undefined {
  const n = Object.hasOwn(RELEASES, codename) ? RELEASES[codename] : undefined;
  return n === undefined ? undefined : `Debian:${n}`;
}
