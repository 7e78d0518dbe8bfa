import { ContainerEngine } from './container-engine';

/** OCI images have no HEALTHCHECK field: podman must write the Docker format. */
export function imageFormatArgs(engine: ContainerEngine | string): string[] {
  return engine === ContainerEngine.PODMAN ? ['--format', 'docker'] : [];
}

/**
 * The engine commands of the tasks and of this package's bins, written once: build the
 * production stage, run an image with its port published, tag and push.
 */
export const CONTAINER = {
  /** `secrets`: environment variables the build gets as build secrets of the same id (`--secret id=NAME,env=NAME`). */
  buildApp: (engine: ContainerEngine, image: string, secrets: readonly string[] = []): string[] => [
    engine, 'build', ...imageFormatArgs(engine), '--target', 'app', '--tag', image,
    ...secrets.flatMap((name) => ['--secret', `id=${name},env=${name}`]),
    '.',
  ],
  run: (engine: string, image: string, port: number, flags: readonly string[] = ['--rm']): string[] => [engine, 'run', ...flags, '--publish', `${port}:${port}`, image],
  tag: (engine: string, image: string, reference: string): string[] => [engine, 'tag', image, reference],
  push: (engine: string, reference: string): string[] => [engine, 'push', reference],
};
