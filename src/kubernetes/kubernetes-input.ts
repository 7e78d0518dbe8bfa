import { INVISIBLE_OR_CONTROL, OptionError } from '../validation';

// Kubernetes accepts any printable name but `=`; a C identifier is what a shell and Python can read.
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;

export function checkEnvVarName(method: string, value: unknown, reserved: readonly string[]): string {
  const example = `${method.slice(0, -2)}("LOG_LEVEL", "info")`;
  if (typeof value !== 'string' || !ENV_NAME.test(value)) {
    throw new OptionError(method, value, 'Variable names are letters, digits and _, not starting with a digit', example);
  }
  if (reserved.includes(value)) {
    throw new OptionError(method, value, `The Deployment sets ${value} itself (from the cookie Secret)`, example);
  }
  return value;
}

/** A literal value, or a Secret's name and key. */
export function checkSecretReference(method: string, reference: { value?: unknown; secretName?: unknown; key?: unknown }): void {
  if ('value' in reference) {
    if (typeof reference.value !== 'string' || INVISIBLE_OR_CONTROL.test(reference.value)) {
      throw new OptionError(method, reference.value, 'The value must be a one-line string', `${method.slice(0, -2)}("LOG_LEVEL", "info")`);
    }
    return;
  }
  const example = `${method.slice(0, -2)}("OPENAI_API_KEY", "my-app-api-keys", "openai")`;
  if (typeof reference.secretName !== 'string' || reference.secretName.length > 253 || !DNS_SUBDOMAIN.test(reference.secretName)) {
    throw new OptionError(method, reference.secretName, 'A Secret name is lower-case letters, digits, "-" and "."', example);
  }
  if (typeof reference.key !== 'string' || reference.key.length > 253 || !SECRET_KEY.test(reference.key)) {
    throw new OptionError(method, reference.key, 'A Secret key is letters, digits and - . _', example);
  }
}
