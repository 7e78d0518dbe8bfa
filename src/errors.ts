import { inspect } from 'util';
import { SELF } from './self';

/** Every message of this package starts with its name, so the user knows who speaks. */
export const MESSAGE_PREFIX = `${SELF.name}: `;

/**
 * An error whose message says everything: what is wrong and the fix. Its stack is the
 * message alone, since frames inside this package would only hide it.
 */
export class DevstackError extends Error {
  constructor(message: string) {
    super(`${MESSAGE_PREFIX}${message}`);
    this.name = 'DevstackError';
    this.stack = `${this.name}: ${this.message}`;
  }

  /**
   * The message alone wherever the error is formatted by util.inspect (console.error too):
   * at `projen new`, yargs prints a failed command with console.error(error), which would
   * show the source line that vm.runInContext puts before the stack, brackets and a
   * subclass's fields (OptionError's rule) besides the sentence.
   */
  [inspect.custom](): string {
    return this.message;
  }
}
