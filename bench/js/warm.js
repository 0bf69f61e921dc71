// The JavaScript peer of `agentscale synth --watch` once warm: synthesizes one profile's chart and stack (with
// cdk-nag) ROUNDS times in one process, each into a fresh folder, and prints each round's milliseconds.
// (After about twenty rounds Node may spin for minutes on its way out: bench-synth stops it after the last line.)
const fs = require('fs');
const os = require('os');
const path = require('path');
const cdk = require('aws-cdk-lib');
const cdk8s = require('cdk8s');
const nag = require('cdk-nag');
const { stack } = require('./aws-app');
const { chart } = require('./k8s-app');

const [name, rounds = '20'] = process.argv.slice(2);
const facts = JSON.parse(fs.readFileSync(path.join(__dirname, 'inputs', `${name}.json`), 'utf8'));
for (let round = 0; round < Number(rounds); round++) {
  const start = process.hrtime.bigint();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-warm-'));
  const k8s = new cdk8s.App({ outdir: path.join(out, 'kubernetes'), yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART });
  chart(k8s, name);
  k8s.synth();
  const aws = new cdk.App({ outdir: path.join(out, 'cdk.out') });
  cdk.Aspects.of(aws).add(new nag.AwsSolutionsChecks());
  stack(aws, facts);
  aws.synth();
  fs.rmSync(out, { recursive: true });
  console.log((Number(process.hrtime.bigint() - start) / 1e6).toFixed(1));
}
