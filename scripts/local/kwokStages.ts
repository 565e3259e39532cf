/**
 * Pod annotation that keeps a simulated pod Running but never Ready, as if its readiness probe kept failing.
 * A chart sets it through its pod annotations (hello-acr: `podAnnotations`) to exercise failure paths.
 */
export const NEVER_READY_ANNOTATION = "acr-helm.test/never-ready";

const POD = "  resourceRef:\n    apiGroup: v1\n    kind: Pod\n";
const NOT_DELETING = "    - key: '.metadata.deletionTimestamp'\n      operator: 'DoesNotExist'\n";
const NOT_STARTED = "    - key: '.status.podIP'\n      operator: 'DoesNotExist'\n";
const NEVER_READY = `.metadata.annotations["${NEVER_READY_ANNOTATION}"]`;

/** Running status shared by both start stages; `ready` is "true" or "false". */
function runningStatus(ready: "true" | "false"): string {
    const condition = ready === "true" ? '"True"' : '"False"';
    return `    statusTemplate: |
      {{ $now := Now }}
      conditions:
      - lastTransitionTime: {{ $now | Quote }}
        status: "True"
        type: Initialized
      - lastTransitionTime: {{ $now | Quote }}
        status: ${condition}
        type: Ready
      - lastTransitionTime: {{ $now | Quote }}
        status: ${condition}
        type: ContainersReady
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: ${ready}
        restartCount: 0
        started: true
        state:
          running:
            startedAt: {{ $now | Quote }}
      {{ end }}
      hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
      podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid "" ) ( or .metadata.name "" ) ( or .metadata.namespace "" ) | Quote }}
      phase: Running
      startTime: {{ $now | Quote }}
`;
}

/**
 * KWOK pod stages: KWOK's own "pod-fast" set (ready, complete for Job pods, delete) with the ready stage split on
 * NEVER_READY_ANNOTATION. Node stages are KWOK's defaults (given none, KWOK uses them). Giving any pod stage
 * replaces all of KWOK's default pod stages, hence the full set here.
 */
export const KWOK_POD_STAGES = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-ready
spec:
${POD}  selector:
    matchExpressions:
${NOT_DELETING}${NOT_STARTED}    - key: '${NEVER_READY}'
      operator: 'DoesNotExist'
  next:
${runningStatus("true")}---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-never-ready
spec:
${POD}  selector:
    matchExpressions:
${NOT_DELETING}${NOT_STARTED}    - key: '${NEVER_READY}'
      operator: 'In'
      values:
      - 'true'
  next:
${runningStatus("false")}---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-complete
spec:
${POD}  selector:
    matchExpressions:
${NOT_DELETING}    - key: '.status.phase'
      operator: 'In'
      values:
      - 'Running'
    - key: '.metadata.ownerReferences.[].kind'
      operator: 'In'
      values:
      - 'Job'
  next:
    statusTemplate: |
      {{ $now := Now }}
      containerStatuses:
      {{ range .spec.containers }}
      - image: {{ .image | Quote }}
        name: {{ .name | Quote }}
        ready: false
        restartCount: 0
        started: false
        state:
          terminated:
            exitCode: 0
            finishedAt: {{ $now | Quote }}
            reason: Completed
            startedAt: {{ $now | Quote }}
      {{ end }}
      phase: Succeeded
---
apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-delete
spec:
${POD}  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'Exists'
  next:
    finalizers:
      empty: true
    delete: true
`;
