/**
 * Image size and rebuild time (part of `npx projen bench`), all built with podman
 * from the same base image and the same Pipfile.lock:
 * - the generated `app` image;
 * - the seed post's sample Dockerfile, reproduced faithfully (test/e2e/fixtures/
 *   seed-project/Dockerfile; the post's `pip install --upgrade pip[label](...)`, a
 *   Markdown slip that pip cannot parse, is already plain `pip` there). Here, its
 *   base is the common one and its hard-coded python3.10 site-packages path, which
 *   does not exist in a 3.11 image (COPY fails), becomes the base image's own;
 * - a single-stage Dockerfile in the style of Streamlit's "Deploy with Docker" docs.
 * Rebuilds of the generated image: cold (no layer cache), after an app-code-only
 * change, after a Pipfile change.
 */
import { appendFileSync, copyFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { ensureStandInBaseImage, standInBaseImage } from '../test/e2e/harness/base-image';
import { engineEnv, inspectImage, podman, podmanOk, removeBuildLeftovers } from '../test/e2e/harness/engine';
import { REPO_ROOT, projenNew, runOk, workDir } from '../test/e2e/harness/generated-project';
import { ensurePipenv, withPipenv } from '../test/e2e/harness/pipenv';

/** The Python of the compared images: the host's, so the host's Pipenv makes the one lock all three install. */
const PYTHON_VERSION = '3.11';
const STAND_IN_BASE_IMAGE = standInBaseImage(PYTHON_VERSION);

export interface ImageResults {
  baseImageMb: number;
  generatedAppMb: number;
  seedPostMb: number;
  streamlitDocsMb: number;
  runtimeDependenciesMb: number;
  appOverheadMb: number;
  coldBuildSeconds: number;
  codeOnlyRebuildSeconds: number;
  pipfileChangeRebuildSeconds: number;
  seedBuildSeconds: number;
  streamlitDocsBuildSeconds: number;
}

const IMAGES = { ours: 'devstack-bench-app', seed: 'devstack-bench-seed', docs: 'devstack-bench-streamlit-docs' };
const MB = 1e6;

function imageBytes(image: string): number {
  return inspectImage(image).Size;
}

function build(context: string, tag: string, extra: string[] = []): number {
  return runOk('podman', ['build', '--format', 'docker', ...extra, '--tag', tag, context], context, engineEnv()).seconds;
}

/** The seed post's Dockerfile (the copy in the adoption test's fixture), with what cannot build here fixed. */
function seedPostDockerfile(sitePackages: string): string {
  const published = readFileSync(join(REPO_ROOT, 'test', 'e2e', 'fixtures', 'seed-project', 'Dockerfile'), 'utf-8');
  const fixed = published
    .replace('FROM python:3.10-slim AS base', `FROM ${STAND_IN_BASE_IMAGE} AS base`)
    .replace(/\/usr\/local\/lib\/python3\.10\/site-packages/g, sitePackages);
  if (fixed.includes('python3.10') || !fixed.includes(STAND_IN_BASE_IMAGE)) throw new Error('the seed Dockerfile fixture changed: update bench/images.ts');
  return fixed;
}

/** Streamlit's "Deploy with Docker" page: one stage, build tools and git installed, pip install -r. */
function streamlitDocsDockerfile(): string {
  return `FROM ${STAND_IN_BASE_IMAGE}

WORKDIR /app

RUN apt-get update && apt-get install -y \\
    build-essential \\
    curl \\
    software-properties-common \\
    git \\
    && rm -rf /var/lib/apt/lists/*

COPY requirements.txt .
RUN pip3 install -r requirements.txt
COPY . .

EXPOSE 8501

HEALTHCHECK CMD curl --fail http://localhost:8501/_stcore/health

ENTRYPOINT ["streamlit", "run", "app/main.py", "--server.port=8501", "--server.address=0.0.0.0"]
`;
}

export function measureImages(tarball: string): ImageResults {
  ensureStandInBaseImage(PYTHON_VERSION);
  const pipenvBin = ensurePipenv();
  const pipenvEnv = withPipenv(pipenvBin);

  // Layers left by earlier runs (of this bench or the tests) would turn a "change" into a cache hit.
  removeBuildLeftovers();
  podmanOk(['image', 'prune', '--force']);
  const project = projenNew(tarball, ['--python-version', PYTHON_VERSION, '--container-engine', 'podman', '--image-name', IMAGES.ours]).dir;
  runOk('npx', ['projen', 'lock'], project, pipenvEnv);

  try {
    // cold: no layer cache (pip's download cache mount stays warm, as on any machine that built once)
    const coldBuildSeconds = build(project, IMAGES.ours, ['--no-cache', '--target', 'app']);
    build(project, IMAGES.ours, ['--target', 'app']); // a --no-cache build leaves no layer cache: fill it
    appendFileSync(join(project, 'app/main.py'), `\nst.write("changed at ${new Date().toISOString()}")\n`);
    const codeOnlyRebuildSeconds = build(project, IMAGES.ours, ['--target', 'app']);
    const rc = readFileSync(join(project, '.projenrc.ts'), 'utf-8');
    writeFileSync(join(project, '.projenrc.ts'), rc.replace('packages: {},', 'packages: { humanize: "*" },'));
    runOk('npx', ['projen'], project, pipenvEnv); // re-locks
    const pipfileChangeRebuildSeconds = build(project, IMAGES.ours, ['--target', 'app']);
    writeFileSync(join(project, '.projenrc.ts'), rc);
    runOk('npx', ['projen'], project, pipenvEnv);
    build(project, IMAGES.ours, ['--target', 'app']);

    // the other two, from the same Pipfile.lock and app files
    const sitePackages = podmanOk(['run', '--rm', STAND_IN_BASE_IMAGE, 'python3', '-c', "import sysconfig; print(sysconfig.get_path('purelib'))"]).output.trim();
    const seed = workDir('bench-seed-');
    const docs = workDir('bench-docs-');
    for (const context of [seed, docs]) {
      for (const file of ['Pipfile', 'Pipfile.lock']) copyFileSync(join(project, file), join(context, file));
      cpSync(join(project, 'app'), join(context, 'app'), { recursive: true });
      mkdirSync(join(context, '.streamlit'));
      copyFileSync(join(project, '.streamlit/config.toml'), join(context, '.streamlit/config.toml'));
    }
    writeFileSync(join(seed, 'Dockerfile'), seedPostDockerfile(sitePackages));
    const seedBuildSeconds = build(seed, IMAGES.seed, ['--no-cache', '--target', 'app']);
    const requirements = runOk(join(pipenvBin, 'pipenv'), ['requirements'], project, pipenvEnv).output;
    writeFileSync(join(docs, 'requirements.txt'), requirements);
    writeFileSync(join(docs, 'Dockerfile'), streamlitDocsDockerfile());
    const streamlitDocsBuildSeconds = build(docs, IMAGES.docs, ['--no-cache']);

    const venvBytes = Number(podmanOk(['run', '--rm', '--entrypoint', 'du', IMAGES.ours, '-sb', '/opt/venv']).output.split(/\s+/)[0]);
    const base = imageBytes(STAND_IN_BASE_IMAGE);
    const ours = imageBytes(IMAGES.ours);
    return {
      baseImageMb: base / MB,
      generatedAppMb: ours / MB,
      seedPostMb: imageBytes(IMAGES.seed) / MB,
      streamlitDocsMb: imageBytes(IMAGES.docs) / MB,
      runtimeDependenciesMb: venvBytes / MB,
      appOverheadMb: (ours - base - venvBytes) / MB,
      coldBuildSeconds,
      codeOnlyRebuildSeconds,
      pipfileChangeRebuildSeconds,
      seedBuildSeconds,
      streamlitDocsBuildSeconds,
    };
  } finally {
    for (const image of Object.values(IMAGES)) podman(['rmi', '--force', image]);
  }
}
