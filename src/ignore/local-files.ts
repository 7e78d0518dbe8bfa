import { SCRATCH_PREFIX } from '../files/atomic-write';
import { LAYOUT } from '../layout';

/** Where a kind of local file must never go. */
export interface LocalFileRule {
  /**
   * A name, a glob, or a path of two parts (`.streamlit/secrets.toml`), matched at any
   * depth of the project. A trailing `/` means a folder and everything in it.
   */
  readonly pattern: string;
  /** Ignored by git (never committed). */
  readonly git: boolean;
  /** Left out of the build context (never copied into an image). */
  readonly image: boolean;
  /**
   * Where the pattern was taken from, for a reviewer to check: `github/gitignore <template>`
   * (see GITHUB_GITIGNORE) or the tool's own documentation page; rules older than this record have none.
   */
  readonly source?: string;
}

/** The maintained templates of https://github.com/github/gitignore, read at this commit. */
export const GITHUB_GITIGNORE = { repository: 'github/gitignore', commit: 'dcc0fc7bc2b5ba480cf117ad1be31bafceeaff46' } as const;

const everywhere = (pattern: string): LocalFileRule => ({ pattern, git: true, image: true });

/** Patterns that are in a github/gitignore template as they stand (a test checks each one). */
const fromTemplate = (template: string, patterns: readonly string[]): LocalFileRule[] =>
  patterns.map((pattern) => ({ ...everywhere(pattern), source: `${GITHUB_GITIGNORE.repository} ${template}` }));

/** A tool's credential file, named as the tool's documentation names it. */
const fromDocs = (page: string, patterns: readonly string[]): LocalFileRule[] =>
  patterns.map((pattern) => ({ ...everywhere(pattern), source: page }));

/**
 * Secrets and credentials: never in a commit, never in an image, at any depth. None of them
 * is only kept out of images: each holds a secret wherever it is, and a project that means
 * to commit one (an `.envrc` without secrets, say) says so with a `!` line in `gitignore`.
 */
const SECRETS: readonly LocalFileRule[] = [
  ...[
    '.env',
    '.env.*',
    '.streamlit/secrets.toml',
    '*.pem',
    '*.key',
    '*.p12',
    '*.pfx',
    'id_rsa*',
    'id_dsa*',
    'id_ecdsa*',
    'id_ed25519*',
    '.ssh/',
    '.aws/',
    '.azure/',
    '.kube/',
    '.docker/',
    '.config/gcloud/',
    '.netrc',
    '.pypirc',
    '.git-credentials',
  ].map(everywhere),
  // direnv's shell environment: it exports variables, so it may hold secrets as `.env` does
  ...fromTemplate('Python.gitignore', ['.envrc']),
  // Terraform state holds every resource's attributes in plain text (passwords, keys); the
  // template keeps .tfvars out as "likely to contain sensitive data"; the CLI config may hold
  // `credentials` blocks
  ...fromTemplate('Terraform.gitignore', ['*.tfstate', '*.tfstate.*', '*.tfvars', '*.tfvars.json', '.terraformrc', 'terraform.rc']),
  // Java keystores (signing and TLS keys)
  ...fromTemplate('Android.gitignore', ['*.jks', '*.keystore']),
  // PuTTY private keys
  ...fromTemplate('Global/PuTTY.gitignore', ['*.ppk']),
  // GnuPG secret keyrings
  ...fromTemplate('Global/GPG.gitignore', ['secring.*']),
  // the token `terraform login` saves in plain text
  ...fromDocs('https://developer.hashicorp.com/terraform/cli/commands/login', ['credentials.tfrc.json']),
  // HashiCorp Vault CLI's default token helper stores the token in ~/.vault-token
  ...fromDocs('https://developer.hashicorp.com/vault/docs/commands/token-helper', ['.vault-token']),
  // PostgreSQL libpq password file (pgpass.conf on Windows)
  ...fromDocs('https://www.postgresql.org/docs/current/libpq-pgpass.html', ['.pgpass', 'pgpass.conf']),
  // MySQL: the user's option file (its [client] group may hold `password`) and the login path file
  ...fromDocs('https://dev.mysql.com/doc/refman/8.4/en/option-files.html', ['.my.cnf']),
  ...fromDocs('https://dev.mysql.com/doc/refman/8.4/en/mysql-config-editor.html', ['.mylogin.cnf']),
  // gcloud's Application Default Credentials, when copied out of .config/gcloud/
  ...fromDocs('https://cloud.google.com/docs/authentication/application-default-credentials', ['application_default_credentials.json']),
  // Google service-account keys by the names Firebase's setup uses (`service-account-file.json`,
  // `serviceAccountKey.json`); a bare `*.json` or `key.json` would hide project files
  ...fromDocs('https://firebase.google.com/docs/admin/setup', ['*service-account*.json', 'serviceAccountKey.json']),
  // Google OAuth client secrets: the console's download (client_secret_<id>.apps.googleusercontent.com.json),
  // the client library's client_secrets.json, and the quickstarts' credentials.json
  ...fromDocs('https://googleapis.github.io/google-api-python-client/docs/client-secrets.html', ['client_secret*.json']),
  ...fromDocs('https://developers.google.com/drive/api/quickstart/python', ['credentials.json']),
  // kubeconfigs outside .kube/: `clusterctl get kubeconfig NAME > NAME.kubeconfig`, and CLIs
  // that write ./kubeconfig
  ...fromDocs('https://cluster-api.sigs.k8s.io/user/quick-start', ['*.kubeconfig']),
  ...fromDocs('https://docs.replicated.com/reference/replicated-cli-cluster-kubeconfig', ['kubeconfig']),
  // Docker's legacy registry credentials file (what `docker login` wrote before .docker/config.json)
  ...fromDocs('https://kubernetes.io/docs/reference/kubectl/generated/kubectl_create/kubectl_create_secret_docker-registry/', ['.dockercfg']),
  // s3cmd's config (access and secret key): "Config file name. Defaults to $HOME/.s3cfg"
  ...fromDocs('https://s3tools.org/usage', ['.s3cfg']),
  // boto / gsutil config, with its [Credentials] section
  ...fromDocs('https://cloud.google.com/storage/docs/boto-gsutil', ['.boto']),
  // GnuPG's home folder (private keys), "defaults to ~/.gnupg"
  ...fromDocs('https://www.gnupg.org/gph/en/manual/r1616.html', ['.gnupg/']),
];

/** Local environments and caches: rebuilt on every machine, never shared. */
const LOCAL_STATE: readonly LocalFileRule[] = [
  ...[
    `${LAYOUT.devVenv}/`,
    '__pycache__/',
    '*.py[cod]',
    '.pytest_cache/',
    '.ruff_cache/',
    '.mypy_cache/',
    'node_modules/',
  ].map(everywhere),
  // Terraform's working folder: provider binaries and the backend's settings (.terraform.lock.hcl stays committed)
  ...fromTemplate('Terraform.gitignore', ['.terraform/']),
  // a synth's own journal, parked originals and temporary files: left behind only by a killed npx projen, undone by the next
  everywhere(`${SCRATCH_PREFIX}*`),
];

/**
 * Committed on purpose, but never in an image: an `.npmrc` may hold a registry token,
 * while a project-level one without a token is normal to commit; `.git` is the history.
 */
const IMAGE_ONLY: readonly LocalFileRule[] = [
  { pattern: '.npmrc', git: false, image: true },
  { pattern: '.git/', git: false, image: true },
];

/** Every rule; `.gitignore` and `.dockerignore` are both rendered from this one list. */
export const LOCAL_FILE_RULES: readonly LocalFileRule[] = [...SECRETS, ...LOCAL_STATE, ...IMAGE_ONLY];

/** Templates without secrets, meant to be committed (`.env.example` next to `.env`). */
export const SHARED_TEMPLATES = ['.env.example'] as const;

/**
 * `.gitignore` lines: a pattern without an inner slash already matches at any depth;
 * one with an inner slash is anchored to the root unless it starts with `**\/`.
 */
export function gitignorePatterns(): string[] {
  return LOCAL_FILE_RULES.filter((rule) => rule.git).map((rule) => (hasInnerSlash(rule.pattern) ? `**/${rule.pattern}` : rule.pattern));
}

/**
 * `.dockerignore` lines: Docker's matcher anchors every pattern to the context root,
 * so each gets a leading `**\/` to match at any depth (a folder pattern then covers its contents).
 */
export function dockerignorePatterns(): string[] {
  return LOCAL_FILE_RULES.filter((rule) => rule.image).map((rule) => `**/${rule.pattern.replace(/\/$/, '')}`);
}

function hasInnerSlash(pattern: string): boolean {
  return pattern.replace(/\/$/, '').includes('/');
}

/** The project's tooling and tests: out of the image (at the root only), in git as usual. */
const ROOT_TOOLING = [
  '.projen',
  '.projenrc.ts',
  'package.json',
  'package-lock.json',
  'tsconfig.projen.json',
  // the project type's tarball kept by projen new --from (src/adoption/creation.ts VENDOR_FOLDER)
  '.devstack',
  '.devcontainer',
  '.vscode',
  '.gitignore',
  '.gitattributes',
  '.dockerignore',
  'Dockerfile',
  'README.md',
  LAYOUT.testsDir,
  LAYOUT.k8sDir,
];

/** `.dockerignore` lines for the project's tooling and tests at the root. */
export function dockerignoreRootEntries(): string[] {
  return [...ROOT_TOOLING];
}

/** Why a file would be left out of git or of the image: the generated file and its pattern. */
export interface IgnoredBy {
  readonly file: '.gitignore' | '.dockerignore';
  readonly pattern: string;
}

/**
 * Whether the generated `.gitignore` (with the project's own `gitignore` lines) or
 * `.dockerignore` leaves `path` (relative, with `/`) out, and by which pattern; undefined
 * when both keep it. Computed from the very lines those files are written from.
 */
export function ignoredBy(path: string, projectGitignore: readonly string[] = []): IgnoredBy | undefined {
  const docker = dockerignoredBy(path);
  if (docker !== undefined) return { file: '.dockerignore', pattern: docker };
  const git = gitignoredBy(path, projectGitignore);
  return git === undefined ? undefined : { file: '.gitignore', pattern: git };
}

/** The generated `.dockerignore` line that leaves `path` out of the build context, if any. */
export function dockerignoredBy(path: string): string | undefined {
  return [...dockerignorePatterns(), ...dockerignoreRootEntries()].find((pattern) => dockerignoreMatches(pattern, path));
}

/** The generated `.gitignore` line (the project's own `gitignore` lines included) that leaves `path` out of git, if any. */
export function gitignoredBy(path: string, projectGitignore: readonly string[] = []): string | undefined {
  return gitignoreMatch([...gitignorePatterns(), ...SHARED_TEMPLATES.map((template) => `!${template}`), ...projectGitignore], path);
}

/**
 * Each pattern translated and compiled once per process: every synth asks about every file the
 * project writes, against the same few dozen patterns (this was the costliest function of a synth).
 */
const GLOB_SOURCES = new Map<string, string>();
const MATCHERS = new Map<string, RegExp>();
function matcher(source: string): RegExp {
  let built = MATCHERS.get(source);
  if (!built) MATCHERS.set(source, (built = new RegExp(source)));
  return built;
}
function globSource(glob: string): string {
  let source = GLOB_SOURCES.get(glob);
  if (source === undefined) GLOB_SOURCES.set(glob, (source = translateGlob(glob)));
  return source;
}

/** A glob's body as a regular expression: `*` and `?` stay within a path segment, `**` spans segments. */
function translateGlob(glob: string): string {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    const classEnd = char === '[' ? glob.indexOf(']', i + 2) : -1;
    if (char === '*' && glob[i + 1] === '*') {
      // `**/` is zero or more folders; a trailing `**` is everything below
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (classEnd > 0) {
      source += `[${glob.slice(i + 1, classEnd).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      i = classEnd;
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return source;
}

/** The path and each folder above it: `a/b/c.py` gives `a`, `a/b`, `a/b/c.py`. */
function selfAndParents(path: string): string[] {
  const parts = path.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}

/** Docker's matcher (moby/patternmatcher): every pattern is anchored at the context root; a match on a folder leaves out what is in it. */
function dockerignoreMatches(pattern: string, path: string): boolean {
  const anchored = matcher(`^${globSource(pattern.replace(/^\/+|\/+$/g, ''))}$`);
  return selfAndParents(path).some((candidate) => anchored.test(candidate));
}

/**
 * git's rules: a pattern without an inner slash matches a name at any depth, one with a slash
 * is anchored at the root; a trailing `/` matches folders only; the last matching line wins,
 * and a file in a left-out folder cannot be taken back by a `!` line. Returns the pattern.
 */
function gitignoreMatch(lines: readonly string[], path: string): string | undefined {
  const rules = lines.map((line) => line.trim()).filter((line) => line && !line.startsWith('#')).map((line) => {
    const negated = line.startsWith('!');
    const body = negated ? line.slice(1) : line;
    const folderOnly = body.endsWith('/');
    const bare = body.replace(/\/+$/, '');
    const anchored = bare.includes('/');
    const source = globSource(bare.replace(/^\//, ''));
    return { line, negated, folderOnly, matcher: matcher(`^${anchored ? '' : '(?:.*/)?'}${source}$`) };
  });
  const candidates = selfAndParents(path);
  for (const [index, candidate] of candidates.entries()) {
    const isFolder = index < candidates.length - 1;
    const last = [...rules].reverse().find((rule) => (isFolder || !rule.folderOnly) && rule.matcher.test(candidate));
    if (last && !last.negated) return last.line;
  }
  return undefined;
}
