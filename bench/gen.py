#!/usr/bin/env python3
"""Synthetic Kubernetes inputs for the benchmarks.

gen.py pods DIR N        N copies of an insecure Pod, one file each
gen.py big FILE MB       one multi-document manifest of about MB megabytes (Deployments, Services,
                         ConfigMaps, Roles, in rotation, each with its own names)
"""
import os
import sys

POD = """apiVersion: v1
kind: Pod
metadata:
  name: insecure-{i}
spec:
  hostNetwork: true
  hostPID: true
  containers:
    - name: app
      image: nginx:latest
      securityContext:
        privileged: true
        allowPrivilegeEscalation: true
        runAsUser: 0
        capabilities:
          add: ["SYS_ADMIN", "NET_ADMIN"]
      ports:
        - containerPort: 80
          hostPort: 80
      volumeMounts:
        - name: host
          mountPath: /host
  volumes:
    - name: host
      hostPath:
        path: /
"""

DEPLOYMENT = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-{i}
  namespace: team-{t}
  labels: {{app: web-{i}, tier: frontend}}
  annotations:
    deployment.kubernetes.io/revision: "{i}"
spec:
  replicas: 3
  selector:
    matchLabels: {{app: web-{i}}}
  template:
    metadata:
      labels: {{app: web-{i}, tier: frontend}}
    spec:
      serviceAccountName: web-{i}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {{type: RuntimeDefault}}
      containers:
        - name: web
          image: registry.example.com/web:1.{i}.0
          ports:
            - containerPort: 8080
          env:
            - name: MODE
              value: production
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {{name: db-{i}, key: password}}
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
            limits: {{cpu: "1", memory: 512Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {{drop: [ALL]}}
          livenessProbe:
            httpGet: {{path: /healthz, port: 8080}}
          readinessProbe:
            httpGet: {{path: /ready, port: 8080}}
---
apiVersion: v1
kind: Service
metadata:
  name: web-{i}
  namespace: team-{t}
spec:
  type: ClusterIP
  selector: {{app: web-{i}}}
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-{i}
  namespace: team-{t}
data:
  app.properties: |
    server.port=8080
    feature.flags=a,b,c
    cache.size=1024
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: web-{i}
  namespace: team-{t}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get", "list", "watch"]
---
"""


def main():
    kind, target, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if kind == "pods":
        os.makedirs(target, exist_ok=True)
        for i in range(size):
            with open(os.path.join(target, f"pod-{i:04}.yaml"), "w") as f:
                f.write(POD.format(i=i))
    else:
        limit = size * 1024 * 1024
        with open(target, "w") as f:
            written, i = 0, 0
            while True:
                chunk = DEPLOYMENT.format(i=i, t=i % 50)
                if written + len(chunk) > limit:
                    break
                f.write(chunk)
                written += len(chunk)
                i += 1


if __name__ == "__main__":
    main()
