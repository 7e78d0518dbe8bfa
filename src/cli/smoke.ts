#!/usr/bin/env node
/**
 * `devstack-smoke ENGINE IMAGE PORT HEALTH_PATH`: the `ci:smoke` task. Runs the app image,
 * waits until its health endpoint answers, and removes the container again.
 */
import { smokeRun } from './smoke-run';
import { MESSAGE_PREFIX } from '../errors';

const [engine, image, port, healthPath] = process.argv.slice(2);
void smokeRun(engine, image, Number(port), healthPath).then((outcome) => {
  (outcome.ok ? console.log : console.error)(`${MESSAGE_PREFIX}${outcome.message}`);
  process.exit(outcome.ok ? 0 : 1);
});
