import { DNS_SUBDOMAIN } from './kubernetes-options';
import { callExample, ENV_VAR_NAME, isOneLine, OptionError } from '../validation';

// Kubernetes accepts any printable name but `=`; ENV_VAR_NAME is what a shell and Python can read.
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export function checkEnvVarName(method: string, value: unknown, reserved: readonly string[]): string {
  const example = callExample(method, '"LOG_LEVEL", "info"');
  if (typeof value !== 'string' || !ENV_VAR_NAME.test(value)) {
    throw new OptionError(method, value, 'Variable names are letters, digits and _, not starting with a digit', example);
  }
  if (reserved.includes(value)) {
    throw new OptionError(method, value, `The Deployment sets ${value} itself (from the cookie Secret)`, example);
  }
  return value;
}

export function checkEnvValue(method: string, value: unknown): string {
  if (!isOneLine(value)) {
    throw new OptionError(method, value, 'The value must be a one-line string', callExample(method, '"LOG_LEVEL", "info"'));
  }
  return value;
}

/** A Secret's name and one of its keys. */
export function checkSecretKeyRef(method: string, secretName: unknown, key: unknown): void {
  const example = callExample(method, '"OPENAI_API_KEY", "my-app-api-keys", "openai"');
  if (typeof secretName !== 'string' || secretName.length > 253 || !DNS_SUBDOMAIN.test(secretName)) {
    throw new OptionError(method, secretName, 'A Secret name is lower-case letters, digits, "-" and "."', example);
  }
  if (typeof key !== 'string' || key.length > 253 || !SECRET_KEY.test(key)) {
    throw new OptionError(method, key, 'A Secret key is letters, digits and - . _', example);
  }
}
