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
}

const everywhere = (pattern: string): LocalFileRule => ({ pattern, git: true, image: true });

/** Secrets and credentials: never in a commit, never in an image, at any depth. */
const SECRETS: readonly LocalFileRule[] = [
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
].map(everywhere);

/** Local environments and caches: rebuilt on every machine, never shared. */
const LOCAL_STATE: readonly LocalFileRule[] = [
  `${LAYOUT.devVenv}/`,
  '__pycache__/',
  '*.py[cod]',
  '.pytest_cache/',
  '.ruff_cache/',
  '.mypy_cache/',
  'node_modules/',
].map(everywhere);

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

/** Plain folder names that are left out in every folder (`__pycache__`, `node_modules`, `.venv`, ...). */
export function excludedFolderNames(): string[] {
  return LOCAL_FILE_RULES.filter((rule) => rule.image && /^[^/*?[\]]+\/$/.test(rule.pattern)).map((rule) => rule.pattern.slice(0, -1));
}
