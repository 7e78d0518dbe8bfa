import { readFileSync } from 'fs';
import { join } from 'path';

/** This package's own package.json: its name, version and the projen it was built against. */
export const SELF = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf-8')) as {
  name: string;
  version: string;
  peerDependencies: Record<string, string>;
};
