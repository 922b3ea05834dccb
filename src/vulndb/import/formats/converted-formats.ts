import { parseFriendsOfPhpAdvisory } from '../../feeds/friendsofphp/parse-friendsofphp-advisory.ts';
import { parseNodejsWgAdvisory } from '../../feeds/nodejs-wg/parse-nodejs-wg-advisory.ts';
import { parseRubysecAdvisory } from '../../feeds/rubysec/parse-rubysec-advisory.ts';
import { perFileAdvisoryFormat } from './per-file-advisory-format.ts';

/** ruby-advisory-db `gems/<gem>/<id>.yml`. */
export const rubysecFormat = perFileAdvisoryFormat(
  'rubysec',
  (path, head) =>
    /\.ya?ml$/i.test(path) && /^gem:\s*\S/m.test(head) && /^(patched_versions|url|title|date):/m.test(head),
  (bytes, opts) => parseRubysecAdvisory(bytes, opts),
);

/** FriendsOfPHP security-advisories `<vendor>/<package>/<file>.yaml`. */
export const friendsOfPhpFormat = perFileAdvisoryFormat(
  'friendsofphp',
  (path, head) => /\.ya?ml$/i.test(path) && /^reference:\s*['"]?composer:\/\//m.test(head),
  (bytes, opts) => parseFriendsOfPhpAdvisory(bytes, opts),
);

/** Node.js security WG `vuln/npm/<n>.json` and `vuln/core/<n>.json`. */
export const nodejsWgFormat = perFileAdvisoryFormat(
  'nodejs-wg',
  (path, head) =>
    /\.json$/i.test(path) &&
    (/"module_name"\s*:/.test(head) ||
      (/(^|\/)core\/\d+\.json$/.test(path) && /"vulnerable"\s*:/.test(head))),
  (bytes, opts) => parseNodejsWgAdvisory(bytes, opts),
);
