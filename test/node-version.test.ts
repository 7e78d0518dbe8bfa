import { synth } from './util';
import { SUPPORTED_NODE_MAJORS, checkNodeVersion } from '../src/node-version';

describe('nodeVersion: the dev container\'s and CI\'s Node.js', () => {
  test('a supported LTS major or one of its releases, as the official image tags and setup-node take it', () => {
    expect(SUPPORTED_NODE_MAJORS).toEqual([22, 24, 26]);
    for (const good of ['22', '24', '26', '24.11', '24.11.1']) expect(checkNodeVersion(good)).toBe(good);
  });

  test('a whole number is the major, as projen new --node-version 24 delivers it; any other number cannot say which release it meant', () => {
    expect(checkNodeVersion(24)).toBe('24');
    expect(() => checkNodeVersion(24.1)).toThrow(/invalid option "nodeVersion": 24\.1\. It must be a supported Node\.js LTS line \(22, 24, 26\).*Example: nodeVersion: "24"/);
  });

  test('lines out of support, odd (never LTS) lines and other text are refused with the supported lines', () => {
    for (const bad of ['20', '18', '23', '25', 'lts', 'v24', '24.x', ' 24', '', '24.1.2.3']) {
      expect(() => checkNodeVersion(bad)).toThrow(/invalid option "nodeVersion".*\(22, 24, 26\)/);
    }
  });

  test('one value for the dev container and CI', () => {
    const files = synth({ nodeVersion: '22' });
    expect(files.Dockerfile).toContain('RUN --mount=type=bind,from=node:22-slim,source=/usr/local,target=/mnt');
    expect(files['.github/workflows/ci.yml']).toMatch(/node-version: "?22"?/);
    expect(files['.github/workflows/ci.yml']).not.toMatch(/node-version: "?20"?/);
    // the default is 24 in both
    const defaults = synth();
    expect(defaults.Dockerfile).toContain('from=node:24-slim,source=/usr/local');
    expect(defaults['.github/workflows/ci.yml']).toMatch(/node-version: "?24"?/);
  });
});
