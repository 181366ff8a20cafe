output "eks_addons" {
  description = "Map of attributes for each EKS addons enabled"
  value       = aws_eks_addon.this
}

output "helm_releases" {
  description = "Map of attributes of the Helm release created"
  value       = helm_release.this
}

output "enabled_addons" {
  description = <<-EOT
    Names of the built-in add-ons that are enabled, e.g.
    `["aws-load-balancer-controller", "karpenter"]`.
  EOT
  value = keys(local.enabled_addons)
}

output "irsa_role_arns" {
  description = "IAM role ARN of each controller that uses IRSA, keyed by add-on name"
  value       = { for k, v in aws_iam_role.irsa : k => v.arn }
}

output "argocd_admin_password" {
  description = "Initial Argo CD admin password (only when it was passed in)"
  value       = var.argocd_admin_password
  sensitive   = true
}

output "gitops_metadata" {
  description = "GitOps Bridge metadata: cluster facts and per add-on settings | consumed by the ApplicationSet generators"
  value = merge(
    { aws_cluster_name = var.cluster_name, aws_region = local.region, aws_account_id = local.account_id },
    { for k, v in aws_iam_role.irsa : "${replace(k, "-", "_")}_iam_role_arn" => v.arn },
  )
}

output "storage_class_names" {
  value = keys(kubernetes_storage_class_v1.this)
}
