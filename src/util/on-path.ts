import { accessSync, constants } from 'fs';
import { delimiter, join } from 'path';

/** True when `command` is an executable file in one of the PATH folders. */
export function onPath(command: string, path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, command), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}
