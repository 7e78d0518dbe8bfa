import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/** A string that appears in no file of the stack, so finding it anywhere in an image means a planted file got in. */
export const PLANTED_MARK = 'planted-do-not-ship-7f3a9c';

/** Secrets and credentials at the root and in subfolders of several depths. */
export const PLANTED_SECRETS = [
  '.env',
  'app/.env',
  'app/.env.production',
  'app/pages/.streamlit/secrets.toml',
  '.streamlit/secrets.toml',
  'certs/server.pem',
  'app/certs/tls.key',
  'app/keys/client.p12',
  'deploy/a/b/id_rsa',
  'deploy/a/b/id_ed25519.pub',
  'app/.ssh/config',
  '.aws/credentials',
  'app/.aws/credentials',
  'app/.kube/config',
  'app/.docker/config.json',
  'app/.netrc',
  'app/.pypirc',
  'lib/.git-credentials',
  // from github/gitignore templates (Python, Terraform, Android, Global/PuTTY, Global/GPG)
  '.envrc',
  'app/.envrc',
  'terraform.tfstate',
  'infra/prod/terraform.tfstate.backup',
  'prod.tfvars',
  'infra/prod/secrets.auto.tfvars.json',
  '.terraformrc',
  'tools/terraform.rc',
  'release.jks',
  'android/app/upload.keystore',
  'admin.ppk',
  'deploy/keys/server.ppk',
  'secring.gpg',
  'backup/gnupg/secring.kbx',
  // named in the tools' own documentation
  'credentials.tfrc.json',
  'home/.terraform.d/credentials.tfrc.json',
  '.vault-token',
  'app/.vault-token',
  '.pgpass',
  'db/.pgpass',
  'db/windows/pgpass.conf',
  '.my.cnf',
  'db/mysql/.my.cnf',
  '.mylogin.cnf',
  'db/mysql/.mylogin.cnf',
  'application_default_credentials.json',
  'app/gcp/application_default_credentials.json',
  'service-account-file.json',
  'app/keys/prod-service-account-key.json',
  'serviceAccountKey.json',
  'functions/serviceAccountKey.json',
  'client_secret.json',
  'app/auth/client_secret_1234-abc.apps.googleusercontent.com.json',
  'app/client_secrets.json',
  'credentials.json',
  'app/google/credentials.json',
  'kubeconfig',
  'deploy/kubeconfig',
  'capi-quickstart.kubeconfig',
  'deploy/clusters/prod.kubeconfig',
  '.dockercfg',
  'ci/.dockercfg',
  '.s3cfg',
  'scripts/.s3cfg',
  '.boto',
  'scripts/gcs/.boto',
  '.gnupg/pubring.kbx',
  'app/.gnupg/trustdb.gpg',
];

/** Local environments, caches and dependencies at several depths. */
export const PLANTED_LOCAL_STATE = [
  'app/.devstack-1a2b3c4d-parked',
  '.venv/planted-marker.txt',
  'app/.venv/lib/site.py',
  'app/__pycache__/main.cpython-313.pyc',
  'app/pages/helper.pyc',
  'app/.pytest_cache/v/cache/lastfailed',
  'app/.ruff_cache/CACHEDIR.TAG',
  'node_modules/x/index.js',
  'app/widgets/node_modules/y/index.js',
  '.terraform/providers/registry.terraform.io/hashicorp/aws/5.0.0/linux_amd64/terraform-provider-aws',
  'infra/.terraform/modules/modules.json',
];

/**
 * Only out of images: an `.npmrc` may hold a registry token, but a project-level one may be
 * committed; a kustomize overlay's inputs are deployment config, committed but never in the image.
 */
export const PLANTED_IMAGE_ONLY = ['app/.npmrc', '.npmrc', 'k8s/overlays/prod/app-config.env'];

/**
 * Files that must stay committable, some of them close to a secret's name: project JSON
 * files (a `*.json` rule would hide them), Terraform's sources and lock, an app module
 * named like a credential file.
 */
export const COMMITTABLE = [
  '.env.example',
  'app/.env.example',
  '.npmrc',
  'app/main.py',
  '.streamlit/config.toml',
  'Pipfile',
  'package.json',
  'tsconfig.json',
  '.devcontainer/devcontainer.json',
  'app/config.json',
  'app/data/accounts.json',
  'app/data/service_accounts.csv',
  'app/credentials.py',
  'app/kubeconfig.py',
  'infra/main.tf',
  'infra/.terraform.lock.hcl',
  'infra/terraform.tfvars.example',
];

/**
 * Writes every planted file under `dir`, each holding PLANTED_MARK. A path that exists
 * already is an error, never overwritten (in a real workspace it could be a symlink out).
 */
export function plantFiles(dir: string, paths: readonly string[]): void {
  for (const path of paths) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), `${PLANTED_MARK} ${path}\n`, { flag: 'wx' });
  }
}

/**
 * Asks the real git which of `paths` it ignores in the repository `dir` (which may belong
 * to another user, as a dev container's workspace does: git is told it is safe).
 */
export function ignoredByGit(dir: string, paths: readonly string[]): string[] {
  const result = spawnSync('git', ['-c', `safe.directory=${dir}`, 'check-ignore', '--no-index', '--stdin'], { cwd: dir, input: paths.join('\n'), encoding: 'utf-8' });
  if (result.status !== 0 && result.status !== 1) throw new Error(`git check-ignore failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}
