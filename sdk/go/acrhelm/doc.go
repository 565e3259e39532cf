// Helm charts packaged deterministically, published to Azure Container Registry as OCI artifacts, promoted and released by digest.
package acrhelm
