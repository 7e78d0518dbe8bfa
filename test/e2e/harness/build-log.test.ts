import { readFileSync } from 'fs';
import { join } from 'path';
import { buildSteps } from './build-log';

const log = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'build-logs', name), 'utf-8');
const uncached = (name: string) => buildSteps(log(name)).filter((s) => !s.cached).map((s) => s.instruction);

// Two real podman 4.3 logs of the same build: which stage prints first varies from run to run.
test('stages printed in order: only the changed COPY . . missed the cache', () => {
  expect(uncached('stages-in-order.txt')).toEqual(['COPY . .']);
  expect(buildSteps(log('stages-in-order.txt'))).toHaveLength(14);
});

test('the builder stage printed inside COPY --from: its cache hit is still the COPY\'s', () => {
  const steps = buildSteps(log('copy-from-waits-for-builder.txt'));
  expect(uncached('copy-from-waits-for-builder.txt')).toEqual(['COPY . .']);
  expect(steps.find((s) => s.instruction.startsWith('COPY --from=builder'))).toMatchObject({ stage: '3/3', cached: true });
  expect(steps.filter((s) => s.stage === '2/3').every((s) => s.cached)).toBe(true);
});

test('a step without "Using cache" is reported as rebuilt', () => {
  const edited = log('stages-in-order.txt').replace(/^--> Using cache 24db51ed.*\n/m, '');
  expect(uncached('stages-in-order.txt')).not.toContain(expect.stringMatching(/^RUN .*python -m venv/));
  expect(buildSteps(edited).filter((s) => !s.cached).map((s) => s.instruction)).toEqual([
    expect.stringMatching(/^RUN .*python -m venv/),
    'COPY . .',
  ]);
});
