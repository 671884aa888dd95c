#!/bin/sh
# The seed's safe way to run, as a deploy script: the app exactly as the seed writes it, and its
# database hardened the same way, reachable only over the user-defined network, with its password
# read from a file.
set -eu

docker network create myapp-network 2>/dev/null || true

docker run -d \
  --name myapp \
  --user 1000:1000 \
  --read-only \
  --tmpfs /tmp \
  --security-opt=no-new-privileges \
  --cap-drop ALL \
  --cap-add NET_BIND_SERVICE \
  --memory="512m" \
  --cpus="1.0" \
  --network myapp-network \
  -e SPRING_PROFILES_ACTIVE=prod \
  myapp:1.0.0

docker run -d \
  --name db \
  --user 70:70 \
  --read-only \
  --tmpfs /tmp --tmpfs /var/run/postgresql \
  --security-opt=no-new-privileges \
  --cap-drop ALL \
  --memory=1g --cpus=2 \
  --network myapp-network \
  -v pgdata:/var/lib/postgresql/data \
  -v "$PWD/secrets/db_password.txt:/run/secrets/db_password:ro" \
  -e POSTGRES_PASSWORD_FILE=/run/secrets/db_password \
  postgres:16.4-alpine
