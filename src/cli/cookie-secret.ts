#!/usr/bin/env node
/**
 * `devstack-cookie-secret NAME KEY [kubectl options]`: creates the Secret that holds
 * Streamlit's cookie secret, with 32 random bytes that never appear on a command line.
 * An existing Secret is kept: a new value would log out every signed-in user.
 */
import { MESSAGE_PREFIX } from '../errors';
import { createCookieSecret } from './cookie-secret-create';

const [name, key, ...kubectlOptions] = process.argv.slice(2);
const outcome = createCookieSecret(name, key, kubectlOptions);
if (outcome.message) (outcome.ok ? console.log : console.error)(`${MESSAGE_PREFIX}${outcome.message}`);
process.exit(outcome.ok ? 0 : 1);
