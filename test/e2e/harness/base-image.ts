import { copyFileSync, existsSync, readdirSync, rmSync, symlinkSync } from 'fs';
import { join } from 'path';
import { engineEnv, podman, podmanOk } from './engine';
import { runOk, workDir } from './generated-project';

export const STAND_IN_BASE_IMAGE = 'docker.io/library/python:3.11-slim';
const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
/** Where the stand-in keeps the host's CA bundle: a path apt's ca-certificates never rewrites. */
const IMAGE_CA_BUNDLE = '/etc/ssl/host-ca-bundle.crt';

/**
 * Makes sure `python:3.11-slim` resolves to a local image. No registry is
 * reachable here, so a faithful stand-in is built once per machine from Debian 12
 * (whose python3 is 3.11) and kept in the project's container store.
 *
 * The host's CA bundle goes into the stand-in (and pip, requests, Node and npm are
 * pointed at it) because these machines reach PyPI and npm through a proxy with its
 * own certificate authority. That is a property of this test fixture, never of the
 * generated Dockerfile.
 */
export function ensureStandInBaseImage(): { built: boolean; seconds: number } {
  const started = Date.now();
  if (podman(['image', 'exists', STAND_IN_BASE_IMAGE]).status === 0) return { built: false, seconds: 0 };

  const rootfs = join(workDir('devstack-rootfs-'), 'rootfs');
  runOk('debootstrap', ['--variant=minbase', '--include=python3,python3-venv,python3-pip,ca-certificates', 'bookworm', rootfs], '/', engineEnv());
  rmSync(join(rootfs, 'usr/lib/python3.11/EXTERNALLY-MANAGED'), { force: true }); // the official image allows system pip installs
  symlinkSync('/usr/bin/python3', join(rootfs, 'usr/local/bin/python'));
  symlinkSync('/usr/bin/pip3', join(rootfs, 'usr/local/bin/pip'));
  for (const dir of ['var/lib/apt/lists', 'var/cache/apt/archives']) {
    for (const entry of readdirSync(join(rootfs, dir))) {
      if (entry !== 'partial' && entry !== 'lock') rmSync(join(rootfs, dir, entry), { recursive: true, force: true });
    }
  }
  const changes = ['ENV LANG=C.UTF-8', 'CMD ["python3"]'];
  if (existsSync(HOST_CA_BUNDLE)) {
    copyFileSync(HOST_CA_BUNDLE, join(rootfs, IMAGE_CA_BUNDLE));
    for (const name of ['PIP_CERT', 'REQUESTS_CA_BUNDLE', 'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS', 'npm_config_cafile']) {
      changes.push(`ENV ${name}=${IMAGE_CA_BUNDLE}`);
    }
  }
  const tarball = `${rootfs}.tar`;
  runOk('tar', ['-C', rootfs, '-cf', tarball, '.'], '/');
  rmSync(rootfs, { recursive: true, force: true });
  podmanOk(['import', ...changes.flatMap((change) => ['--change', change]), tarball, STAND_IN_BASE_IMAGE]);
  rmSync(tarball, { force: true });
  return { built: true, seconds: (Date.now() - started) / 1000 };
}
