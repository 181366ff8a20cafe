output "namespace" {
  description = "Namespace the controller runs in."
  value       = helm_release.this.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.this.name
}

output "chart_version" {
  description = "Deployed version of the ingress-nginx chart."
  value       = helm_release.this.version
}

output "ingress_class_name" {
  description = "IngressClass to set in spec.ingressClassName of Ingress resources served by NGINX."
  value       = var.ingress_class_name
}

output "controller_service_name" {
  description = "Name of the controller's LoadBalancer service (look up its hostname for DNS records)."
  value       = "${var.release_name}-controller"
}
