import { clusterFootprint, startCluster } from './test/e2e/harness/cluster';
import { writeFileSync } from 'fs';
(async () => {
  const before = clusterFootprint();
  const cluster = await startCluster();
  writeFileSync('/tmp/smoke-kubeconfig-path', cluster.kubeconfig);
  console.log('READY', JSON.stringify(cluster.timings));
  while (!require('fs').existsSync('/tmp/smoke-stop')) await new Promise((r) => setTimeout(r, 500));
  await cluster.stop();
  const after = clusterFootprint();
  console.log(JSON.stringify(before) === JSON.stringify(after) ? 'FOOTPRINT EQUAL' : `FOOTPRINT DIFFERS\n${JSON.stringify(before)}\n${JSON.stringify(after)}`);
})().catch((e) => { console.error(e); process.exit(1); });
