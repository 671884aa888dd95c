#!/bin/sh
# The seed's "dangerous way to run", as a deploy script: a privileged container with the host's
# root filesystem, a cache published on every interface, a database password on the command line.
set -eu

docker run -d --privileged \
  -v /:/host \
  myapp:latest

docker run -d --name cache -p 6379:6379 redis:7.4
docker run -d --name db --network host -e POSTGRES_PASSWORD=Sup3rS3cret! postgres:16.4
