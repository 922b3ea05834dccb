import type { Advisory } from '../core/advisory.ts';
import type { AdvisorySummary } from '../core/advisory-lookup.ts';

/** What matching shows of a stored advisory: everything but its affected packages. */
export function advisorySummary(source: string, a: Advisory): AdvisorySummary {
  return {
    id: a.id,
    source,
    aliases: a.aliases,
    related: a.related,
    ...(a.summary === undefined ? {} : { summary: a.summary }),
    ...(a.details === undefined ? {} : { details: a.details }),
    ...(a.published === undefined ? {} : { published: a.published }),
    modified: a.modified,
    ...(a.withdrawn === undefined ? {} : { withdrawn: a.withdrawn }),
    severity: a.severity.map((s) => ({ type: s.type, score: s.score })),
    references: a.references.map((r) => r.url),
    ...(a.databaseSpecific === undefined ? {} : { databaseSpecific: a.databaseSpecific }),
  };
}
