import type { Dockerfile, DockerfileStage } from './dockerfile.ts';

/**
 * The stages whose layers and settings end up in the built image: the last stage, then the
 * stage it is built on (`FROM builder`), and so on. Stages only copied from are not included.
 */
export function finalStages(dockerfile: Dockerfile): DockerfileStage[] {
  const out: DockerfileStage[] = [];
  let s = dockerfile.stages.at(-1);
  while (s && !out.includes(s)) {
    out.push(s);
    s = s.baseStage === undefined ? undefined : dockerfile.stages[s.baseStage];
  }
  return out;
}
