#!/usr/bin/env node
/**
 * `devstack-publish ENGINE IMAGE`: the `ci:publish` task. Tags the built image with its
 * version and the commit, for its registry (GitHub's when the image names none), and pushes both.
 */
import { spawnSync } from 'child_process';
import { publishPlan } from './publish-plan';
import { CONTAINER } from '../docker/container-commands';
import { MESSAGE_PREFIX } from '../errors';

const [engine, image] = process.argv.slice(2);
try {
  for (const reference of publishPlan(image, process.env).references) {
    for (const [command, ...args] of [CONTAINER.tag(engine, image, reference), CONTAINER.push(engine, reference)]) {
      const result = spawnSync(command, args, { stdio: 'inherit' });
      if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
    }
    console.log(`${MESSAGE_PREFIX}pushed ${reference}`);
  }
} catch (error) {
  console.error(`${MESSAGE_PREFIX}${(error as Error).message}`);
  process.exit(1);
}
