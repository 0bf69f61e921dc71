// The JavaScript peer of agentscale's AgentChart: one cdk8s chart per profile with the same API objects, built
// from the reviewed golden documents in synth-tests/, synthesized to OUTDIR/NAME.k8s.yaml.
const fs = require('fs');
const path = require('path');
const cdk8s = require('cdk8s');
require('cdk8s-plus-28'); // loaded as agentscale loads it
const YAML = require('yaml');

function chart(app, name) {
  const file = path.join(__dirname, '..', '..', 'synth-tests', name, 'kubernetes', `${name}.k8s.yaml`);
  const c = new cdk8s.Chart(app, name, { disableResourceNameHashes: true });
  YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).forEach((doc, i) => {
    const o = doc.toJS();
    new cdk8s.ApiObject(c, `${o.kind}${i}`, o);
  });
  return c;
}

function main() {
  const inputs = path.join(__dirname, 'inputs');
  const names = process.argv.slice(2).length ? process.argv.slice(2)
    : fs.readdirSync(inputs).filter(f => f.endsWith('.json')).map(f => f.replace(/\.json$/, '')).sort();
  const app = new cdk8s.App({ outdir: process.env.CDK8S_OUTDIR || process.env.BENCH_OUT || 'dist',
    yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART });
  names.forEach(n => chart(app, n));
  app.synth();
}

module.exports = { chart };
if (require.main === module) {
  main();
}
