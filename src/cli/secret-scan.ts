#!/usr/bin/env node
/**
 * `devstack-secret-scan`: the `ci:secrets` task. Scans every file git tracks or would add
 * (tracked, and untracked but not ignored) with secretlint's recommended rules; exits 1
 * and names each file and rule when one holds a secret.
 */
import { listFiles } from '../adoption/git-work-tree';
import { describeFindings, scanForSecrets } from '../adoption/secret-scan';
import { MESSAGE_PREFIX } from '../errors';

const root = process.cwd();
let files: string[];
try {
  files = listFiles(root, ['--cached', '--others', '--exclude-standard', '--deduplicate']);
} catch {
  console.error(`${MESSAGE_PREFIX}the secret scan reads the files git tracks, and ${root} is not in a git repository: run it in the project's checkout (git init first in a new folder).`);
  process.exit(1);
}
const findings = scanForSecrets(root, files);
if (findings.length === 0) {
  console.log(`${MESSAGE_PREFIX}no secret found in ${files.length} files (secretlint's recommended rules).`);
  process.exit(0);
}
console.error([
  `${MESSAGE_PREFIX}secretlint's recommended rules found a secret in ${findings.length} file(s) git tracks or would add:`,
  ...describeFindings(findings).map((line) => `  ${line}`),
  'Move each secret out of the file (into .env, which is git-ignored, or the CI\'s secrets), rotate any that was pushed, and run npx projen ci:secrets again.',
].join('\n'));
process.exit(1);
