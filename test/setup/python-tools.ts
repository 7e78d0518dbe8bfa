import { pyyamlPython } from '../e2e/harness/python-tools';

/**
 * jest globalSetup: installs the pinned Python test tools once, before the workers start,
 * so parallel test files never install into the same virtualenv at once.
 */
export default function installPythonTestTools(): void {
  pyyamlPython();
}
