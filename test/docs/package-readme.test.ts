import { readFileSync } from 'fs';
import { join } from 'path';
import { CUSTOMIZATIONS, POST_CREATE_MARK } from '../e2e/fixtures/customizations';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf-8');

describe("this package's README", () => {
  test('shows exactly the customizations the end-to-end test runs through npx projen', () => {
    const calls = CUSTOMIZATIONS.split('\n').filter((line) => line.startsWith('project.'));
    expect(calls.length).toBeGreaterThanOrEqual(10);
    const example = /## Customize from \.projenrc\.ts\n[\s\S]*?```ts\n([\s\S]*?)```/.exec(README)![1];
    expect(example.split('\n').filter((line) => line.startsWith('project.') && line !== 'project.synth();')).toEqual(calls);
    expect(example).toContain(POST_CREATE_MARK);
  });
});
