/** A `Name <email>` maintainer field, split. `email` is set only when it looks like an address. */
export interface Contact {
  readonly name: string;
  readonly email?: string;
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Parses a maintainer field (dpkg Maintainer:, apk m:, rpm Packager/Vendor); undefined when blank. */
export function parseMaintainer(raw: string | undefined): Contact | undefined {
  const text = raw?.replace(/\s+/g, ' ').trim();
  if (!text) return undefined;
  const m = /^(.*?)\s*<([^<>]*)>$/.exec(text);
  if (m && EMAIL.test(m[2]!)) return { name: m[1] || m[2]!, email: m[2]! };
  return { name: text };
}
