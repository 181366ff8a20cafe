output "role_arn" {
  description = "ARN of the IRSA role; annotate service accounts with it (eks.amazonaws.com/role-arn)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the IRSA role."
  value       = aws_iam_role.this.name
}

output "policy_arn" {
  description = "ARN of the managed policy holding the workload permissions."
  value       = aws_iam_policy.workloads.arn
}

output "service_account_annotations" {
  description = "Annotations to put on each allowed Kubernetes service account."
  value = {
    "eks.amazonaws.com/role-arn" = aws_iam_role.this.arn
  }
}
