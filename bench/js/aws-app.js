// The JavaScript peer of agentscale's AgentPlatformStack + AgentNodePool: the same VPC, aws-eks-v2 cluster, node
// group and cdk-nag checks, for one profile whose plan facts are in inputs/NAME.json. Used by `agentscale bench-synth`.
const fs = require('fs');
const path = require('path');
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const eks = require('aws-cdk-lib/aws-eks-v2');
const kms = require('aws-cdk-lib/aws-kms');
const nag = require('cdk-nag');

function stack(app, p) {
  const s = new cdk.Stack(app, `${p.name}-agents`, { description: `agentscale: EKS nodes for the ${p.name} voice agents` });
  const vpc = new ec2.Vpc(s, 'Vpc', {
    maxAzs: p.zones, natGateways: 1,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
      { name: 'nodes', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
    ],
  });
  vpc.addFlowLog('FlowLog');
  const cluster = new eks.Cluster(s, 'Cluster', {
    clusterName: p.name, version: eks.KubernetesVersion.of(p.kubernetesVersion), vpc,
    defaultCapacityType: eks.DefaultCapacityType.NODEGROUP, defaultCapacity: 0,
    endpointAccess: eks.EndpointAccess.PUBLIC_AND_PRIVATE,
    clusterLogging: [eks.ClusterLoggingTypes.API, eks.ClusterLoggingTypes.AUDIT, eks.ClusterLoggingTypes.AUTHENTICATOR,
      eks.ClusterLoggingTypes.CONTROLLER_MANAGER, eks.ClusterLoggingTypes.SCHEDULER],
    secretsEncryptionKey: new kms.Key(s, 'SecretsKey', { enableKeyRotation: true,
      description: `Envelope encryption of Kubernetes secrets for ${p.name}` }),
  });
  nag.NagSuppressions.addResourceSuppressions(cluster, [
    { id: 'AwsSolutions-EKS1', reason: 'The public endpoint lets kubectl and GitOps apply the agentscale manifests from '
      + 'outside the VPC; access is still IAM-authenticated. Restrict it with endpoint CIDRs in production.' },
    { id: 'AwsSolutions-IAM4', reason: 'The EKS cluster role needs the AWS-managed AmazonEKSClusterPolicy, as EKS documents.',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSClusterPolicy'] },
  ], true);
  const pool = new (require('constructs').Construct)(s, 'NodePool');
  const lt = new ec2.LaunchTemplate(pool, 'LaunchTemplate', { requireImdsv2: true, httpPutResponseHopLimit: 2 });
  new eks.Nodegroup(pool, 'Resource', {
    cluster, instanceTypes: [new ec2.InstanceType(p.instanceType)],
    amiType: p.arm64 ? eks.NodegroupAmiType.AL2023_ARM_64_STANDARD : eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
    capacityType: p.spot ? eks.CapacityType.SPOT : eks.CapacityType.ON_DEMAND,
    minSize: p.minSize, maxSize: p.maxSize, desiredSize: p.minSize,
    subnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    launchTemplateSpec: { id: lt.launchTemplateId, version: lt.latestVersionNumber },
    labels: { [p.labelKey]: p.labelValue },
    taints: [{ key: p.taintKey, value: p.taintValue, effect: eks.TaintEffect.NO_SCHEDULE }],
    tags: { 'k8s.io/cluster-autoscaler/enabled': 'true', [`k8s.io/cluster-autoscaler/${p.name}`]: 'owned' },
  });
  nag.NagSuppressions.addResourceSuppressions(pool, [
    { id: 'AwsSolutions-IAM4', reason: 'EKS worker nodes need the AWS-managed worker, CNI and ECR read-only policies, as EKS documents.',
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKSWorkerNodePolicy',
        'Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEKS_CNI_Policy',
        'Policy::arn:<AWS::Partition>:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly'] },
  ], true);
  return s;
}

/** Every profile named on the command line (default: all inputs), one stack each, nag on all. */
function main() {
  const inputs = path.join(__dirname, 'inputs');
  const names = process.argv.slice(2).length ? process.argv.slice(2)
    : fs.readdirSync(inputs).filter(f => f.endsWith('.json')).map(f => f.replace(/\.json$/, '')).sort();
  const app = new cdk.App(process.env.CDK_OUTDIR ? {} : { outdir: process.env.BENCH_OUT || 'cdk.out' });
  cdk.Aspects.of(app).add(new nag.AwsSolutionsChecks());
  for (const n of names) {
    stack(app, JSON.parse(fs.readFileSync(path.join(inputs, `${n}.json`), 'utf8')));
  }
  app.synth();
}

module.exports = { stack };
if (require.main === module) {
  main();
}
