import { writeFileSync } from 'fs';
import { join } from 'path';
import { NPMRC_WITH_TOKEN, serviceAccountKey, write } from './git-fixtures';
import { SCAN_MAX_BYTES, scanForSecrets } from '../../src/adoption/secret-scan';
import { tempDir } from '../util';

describe('scanForSecrets: secretlint\'s recommended rules, run from this package', () => {
  test('finds an npm token, a service-account key and a password in a URL; reports rule names, never values', () => {
    const dir = tempDir();
    write(dir, '.npmrc', NPMRC_WITH_TOKEN);
    write(dir, 'deploy/key.json', serviceAccountKey());
    write(dir, 'app/db.py', 'URL = "postgres://admin:Sup3rS3cretPassw0rd@db.internal.example:5432/sales"\n');
    write(dir, 'app/main.py', 'import streamlit as st\n');
    const findings = scanForSecrets(dir, ['.npmrc', 'deploy/key.json', 'app/db.py', 'app/main.py', 'missing.txt']);
    expect(findings.map((finding) => finding.path)).toEqual(['.npmrc', 'deploy/key.json', 'app/db.py']);
    expect(findings[0].rules.join(' ')).toContain('@secretlint/secretlint-rule-npm');
    expect(findings[1].rules).toEqual(['@secretlint/secretlint-rule-privatekey (PrivateKey)']);
    expect(findings[2].rules.join(' ')).toContain('@secretlint/secretlint-rule-database-connection-string');
    expect(JSON.stringify(findings)).not.toMatch(/npm_A1b2|Sup3rS3cret|PRIVATE KEY/);
  });

  test('binary files and files over the size limit are not read as text', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.bin'), Buffer.concat([Buffer.from(NPMRC_WITH_TOKEN), Buffer.from([0, 1, 2])]));
    writeFileSync(join(dir, 'big.txt'), NPMRC_WITH_TOKEN + 'x'.repeat(SCAN_MAX_BYTES));
    expect(scanForSecrets(dir, ['model.bin', 'big.txt'])).toEqual([]);
  });
});
