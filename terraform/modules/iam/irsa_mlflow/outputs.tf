output "role_arn" {
  description = "ARN of the MLflow IRSA role (deprecated: use irsa_ml_workloads)."
  value       = aws_iam_role.this.arn
}

output "role_name" {
  description = "Name of the MLflow IRSA role (deprecated: use irsa_ml_workloads)."
  value       = aws_iam_role.this.name
}
