import { registryHost, splitImageName } from '../docker/image-reference';

export interface PublishPlan {
  /** References to tag the built image as, then push, in order. */
  readonly references: readonly string[];
}

/**
 * Where `ci:publish` pushes the image: its own registry path when `imageName` names one,
 * otherwise GitHub's registry for the repository (`ghcr.io/OWNER/REPO`), with the version tag
 * of `imageName` and a `sha-` tag of the commit. Throws with the fix when CI's variables are missing.
 */
export function publishPlan(imageName: string, env: NodeJS.ProcessEnv): PublishPlan {
  const { repository, tag } = splitImageName(imageName);
  const sha = env.GITHUB_SHA;
  if (!sha) throw new Error('GITHUB_SHA is not set: ci:publish runs in GitHub Actions (or set GITHUB_SHA to the commit to tag).');
  let target = repository;
  if (!registryHost(imageName)) {
    if (!env.GITHUB_REPOSITORY) throw new Error(`${imageName} names no registry and GITHUB_REPOSITORY is not set: set imageName to your registry's path in .projenrc.ts.`);
    target = `ghcr.io/${env.GITHUB_REPOSITORY.toLowerCase()}`;
  }
  return { references: [`${target}:${tag}`, `${target}:sha-${sha.slice(0, 12)}`] };
}
