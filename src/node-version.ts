import { OptionError } from './validation';

/** The Node.js lines still supported (LTS) when this version was made: a project names one of them. */
export const SUPPORTED_NODE_MAJORS = [22, 24, 26] as const;

const NODE_VERSION = /^(\d{1,3})(\.\d{1,4}){0,2}$/;

/**
 * The Node.js version of the dev container and CI: an LTS major ("24") or one of its
 * releases ("24.11.1"), as the official image's tags and `actions/setup-node` take it.
 * A whole number is taken as the major (projen's command line turns `--node-version 24`
 * into 24); any other number cannot say which release it meant.
 */
export function checkNodeVersion(value: unknown): string {
  const text = typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
  const match = typeof text === 'string' ? NODE_VERSION.exec(text) : null;
  const major = match ? Number(match[1]) : NaN;
  if (typeof text !== 'string' || !SUPPORTED_NODE_MAJORS.some((supported) => supported === major)) {
    throw new OptionError(
      'nodeVersion',
      value,
      `It must be a supported Node.js LTS line (${SUPPORTED_NODE_MAJORS.join(', ')}) or one of its releases, written as a string`,
      'nodeVersion: "24"',
    );
  }
  return text;
}
