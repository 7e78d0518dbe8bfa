#!/usr/bin/env node
/**
 * `devstack-preflight`: the first step of the generated tasks. Checks what a task
 * needs and, when something is missing, says so in one sentence with the fix,
 * instead of a tool's stack trace.
 *
 *   devstack-preflight tool pipenv VERSION
 *   devstack-preflight tool kubectl
 *   devstack-preflight secret NAME
 *   devstack-preflight registry IMAGE
 *   devstack-preflight engine docker|podman
 *   devstack-preflight lockfile
 */
import { preflightProblem } from './preflight-checks';
import { decodePreflight } from '../contracts/preflight-protocol';
import { MESSAGE_PREFIX } from '../errors';

const check = decodePreflight(process.argv.slice(2));
const problem = typeof check === 'string' ? check : preflightProblem(check, process.cwd());
if (problem) {
  console.error(`${MESSAGE_PREFIX}${problem}`);
  process.exit(1);
}
