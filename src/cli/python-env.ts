#!/usr/bin/env node
/**
 * `devstack-python-env`: the Pipenv environment, with the packages Pipfile.lock pins
 * installed by uv.
 *
 *   devstack-python-env sync               the install task, the dev container's start, CI
 *   devstack-python-env match              test and dev: install only when the environment's
 *                                          Python is not the Pipfile's or the lock changed
 *   devstack-python-env match --no-install lock: the Pipfile's Python, no packages needed
 */
import { decodePythonEnvMode, PYTHON_ENV_MODES } from '../contracts/python-env-command';
import { MESSAGE_PREFIX } from '../errors';
import { EnvironmentError, processRunner, syncEnvironment } from '../pipenv/python-environment';

const mode = decodePythonEnvMode(process.argv.slice(2));
if (!mode) {
  console.error(`${MESSAGE_PREFIX}usage: devstack-python-env ${Object.values(PYTHON_ENV_MODES).map((args) => args.join(' ')).join(' | ')}`);
  process.exit(2);
}
try {
  const report = syncEnvironment(process.cwd(), processRunner(process.cwd()), { sync: mode === 'sync', install: mode !== 'interpreter' });
  if (report.created) console.error(`${MESSAGE_PREFIX}made the Pipenv environment at ${report.location} (${report.created}).`);
} catch (error) {
  if (!(error instanceof EnvironmentError)) throw error;
  console.error(`${MESSAGE_PREFIX}${error.message}`);
  process.exit(1);
}
