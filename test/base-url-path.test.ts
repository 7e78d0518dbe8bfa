import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'yaml';
import { synth, tasksOf } from './util';
import { resolveDevstackOptions } from '../src/resolve-options';
import { OptionError } from '../src/validation';

/** One value, `baseUrlPath`, followed by every file that serves or checks the app. */
describe('baseUrlPath', () => {
  test('the image, the dev task, the healthcheck, the probes and the Ingress all follow it', () => {
    const files = synth({ baseUrlPath: '/apps/sales/' });
    const instructions = DockerfileParser.parse(files.Dockerfile).getInstructions();
    const appStage = instructions.slice(instructions.findIndex((i) => i.getTextContent() === 'FROM base AS app'));
    const entrypoint = JSON.parse(appStage.find((i) => i.getKeyword() === 'ENTRYPOINT')!.getArgumentsContent()!);
    expect(entrypoint).toContain('--server.baseUrlPath=apps/sales');
    expect(appStage.find((i) => i.getKeyword() === 'HEALTHCHECK')!.getTextContent()).toContain("'http://127.0.0.1:8501/apps/sales/_stcore/health'");
    expect(tasksOf(files).dev.steps.at(-1).execArgs).toContain('--server.baseUrlPath=apps/sales');

    const app = parse(files['k8s/deployment.yaml']).spec.template.spec.containers[0];
    expect(app.readinessProbe.httpGet.path).toBe('/apps/sales/_stcore/health');
    expect(app.startupProbe.httpGet.path).toBe('/apps/sales/_stcore/health');
    expect(app.livenessProbe.httpGet.path).toBe('/apps/sales/_stcore/host-config');
    expect(parse(files['k8s/ingress.yaml']).spec.rules[0].http.paths[0].path).toBe('/apps/sales');
  });

  test('by default the app is at the root and no flag is passed', () => {
    const files = synth();
    expect(files.Dockerfile).not.toContain('baseUrlPath');
    expect(tasksOf(files).dev.steps.at(-1).execArgs.join(' ')).not.toContain('baseUrlPath');
    expect(parse(files['k8s/ingress.yaml']).spec.rules[0].http.paths[0].path).toBe('/');
    expect(files.Dockerfile).toContain("'http://127.0.0.1:8501/_stcore/health'");
  });

  test('a path that is not a plain URL path is refused, naming the option', () => {
    for (const bad of ['a b', 'x/../y', 'x?y=1', 'ä', '.', 'a//b', 7]) {
      expect(() => resolveDevstackOptions({ name: 'demo', baseUrlPath: bad as string }, [])).toThrow(OptionError);
      expect(() => resolveDevstackOptions({ name: 'demo', baseUrlPath: bad as string }, [])).toThrow(/invalid option "baseUrlPath"/);
    }
    expect(resolveDevstackOptions({ name: 'demo', baseUrlPath: '/dash' }, []).baseUrlPath).toBe('dash');
    expect(resolveDevstackOptions({ name: 'demo', baseUrlPath: '/' }, []).baseUrlPath).toBe('');
  });
});
