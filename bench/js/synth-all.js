// One process, like `agentscale synth PROFILE`: the Kubernetes chart and the CDK stack (with cdk-nag) for the
// profiles named (default: all inputs), written under BENCH_OUT.
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const cdk8s = require('cdk8s');
const nag = require('cdk-nag');
const { stack } = require('./aws-app');
const { chart } = require('./k8s-app');

const inputs = path.join(__dirname, 'inputs');
const names = process.argv.slice(2).length ? process.argv.slice(2)
  : fs.readdirSync(inputs).filter(f => f.endsWith('.json')).map(f => f.replace(/\.json$/, '')).sort();
const out = process.env.BENCH_OUT || 'bench-out';
for (const n of names) {
  const k8s = new cdk8s.App({ outdir: path.join(out, n, 'kubernetes'), yamlOutputType: cdk8s.YamlOutputType.FILE_PER_CHART });
  chart(k8s, n);
  k8s.synth();
  const aws = new cdk.App({ outdir: path.join(out, n, 'cdk.out') });
  cdk.Aspects.of(aws).add(new nag.AwsSolutionsChecks());
  stack(aws, JSON.parse(fs.readFileSync(path.join(inputs, `${n}.json`), 'utf8')));
  aws.synth();
}
