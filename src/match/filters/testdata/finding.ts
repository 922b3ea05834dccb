import type { Finding } from '../../../core/finding.ts';

type Overrides = Omit<Partial<Finding>, 'package'> & { package?: Partial<Finding['package']> };

/** A finding for tests: log4j-core 2.14.1 / Log4Shell unless overridden. */
export function finding(o: Overrides = {}): Finding {
  const { package: pkg, ...rest } = o;
  return {
    id: 'CVE-2021-44228',
    aliases: ['GHSA-jfh8-c2jp-5v3q'],
    fixedVersions: ['2.15.0'],
    fixState: 'fixed',
    severity: 'CRITICAL',
    severitySource: 'ghsa',
    cvss: [],
    risk: 90,
    references: [],
    details: [],
    ...rest,
    package: {
      id: 'maven:log4j-core@2.14.1',
      name: 'log4j-core',
      version: '2.14.1',
      type: 'maven',
      purl: 'pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1',
      ecosystem: 'Maven',
      locations: [{ path: 'app/lib/log4j-core-2.14.1.jar' }],
      ...pkg,
    },
  };
}
