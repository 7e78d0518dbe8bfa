/**
 * The container engine that the generated `docker:*` tasks call.
 */
export enum ContainerEngine {
  /** Docker (BuildKit). */
  DOCKER = 'docker',
  /** Podman; builds use `--format docker` so that HEALTHCHECK is kept. */
  PODMAN = 'podman',
}
