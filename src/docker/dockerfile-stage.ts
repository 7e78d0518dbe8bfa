/** A stage of the generated Dockerfile. */
export enum DockerfileStage {
  /** The base image with Python settings and the runtime Debian packages: both images start here. */
  BASE = 'base',
  /** Checks `Pipfile.lock` and exports exactly what it pins (with hashes); never shipped. */
  BUILDER = 'builder',
  /** The production image: the locked environment and the app, run as a non-root user. */
  APP = 'app',
  /** The dev container: git, SSH, Pipenv and Node.js for `npx projen`. */
  DEVELOPMENT = 'development',
}

/** The order the stages are written in: `app` last, so a build without `--target` gives production. */
export const STAGE_ORDER: readonly DockerfileStage[] = [
  DockerfileStage.BASE,
  DockerfileStage.BUILDER,
  DockerfileStage.DEVELOPMENT,
  DockerfileStage.APP,
];

/**
 * Instructions the stack writes itself in a stage, from options: added ones would be
 * overridden by them (the last `USER`, `CMD` or `ENTRYPOINT` wins), so they are refused.
 */
export const STACK_OWNED_INSTRUCTIONS: Readonly<Record<DockerfileStage, readonly string[]>> = {
  [DockerfileStage.BASE]: ['FROM'],
  [DockerfileStage.BUILDER]: ['FROM'],
  [DockerfileStage.APP]: ['FROM', 'USER', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'EXPOSE'],
  [DockerfileStage.DEVELOPMENT]: ['FROM', 'USER', 'CMD'],
};
