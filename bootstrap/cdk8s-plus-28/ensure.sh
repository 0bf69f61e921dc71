#!/usr/bin/env bash
# Puts org.cdk8s:cdk8s-plus-28 into the local Maven repository, once.
#   1. already there            -> nothing to do
#   2. a repository serves it   -> Maven downloads it, nothing is generated
#   3. otherwise                -> jsii-pacmak builds the Java bindings from the npm package pinned in
#                                  package-lock.json and they are installed under their real coordinates
# Usage: ensure.sh LOCAL_REPOSITORY VERSION   (run from the repository root)
set -euo pipefail
repo="$1"
version="$2"
coords="org.cdk8s:cdk8s-plus-28:$version"
jar="$repo/org/cdk8s/cdk8s-plus-28/$version/cdk8s-plus-28-$version.jar"

[ -f "$jar" ] && exit 0

echo "[cdk8s-plus-28] $coords is not in $repo: asking the configured Maven repositories"
if mvn -B -q dependency:get -Dartifact="$coords" -Dtransitive=false -Dmaven.repo.local="$repo" >/dev/null 2>&1; then
  echo "[cdk8s-plus-28] downloaded"
  exit 0
fi

echo "[cdk8s-plus-28] no repository serves it: building it with jsii-pacmak (about 2 minutes, only this once)"
installed=$(node -p "require('./node_modules/cdk8s-plus-28/package.json').version" 2>/dev/null || true)
if [ "$installed" != "$version" ] || [ ! -x node_modules/.bin/jsii-pacmak ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 \
  node_modules/.bin/jsii-pacmak node_modules/cdk8s-plus-28 --targets java --outdir "$out" >/dev/null
dir="$out/java/org/cdk8s/cdk8s-plus-28/$version"
mvn -B -q install:install-file -Dmaven.repo.local="$repo" \
  -Dfile="$dir/cdk8s-plus-28-$version.jar" -DpomFile="$dir/cdk8s-plus-28-$version.pom"
echo "[cdk8s-plus-28] installed $coords into $repo"
