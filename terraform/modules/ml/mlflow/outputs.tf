output "namespace" {
  description = "Namespace the tracking server runs in."
  value       = helm_release.this.namespace
}

output "release_name" {
  description = "Name of the Helm release."
  value       = helm_release.this.name
}

output "tracking_uri" {
  description = "In-cluster tracking URI (MLFLOW_TRACKING_URI) of the server."
  value       = "http://${var.name}.${helm_release.this.namespace}.svc.cluster.local:5000"
}

output "artifact_bucket_name" {
  description = "Name of the S3 artifact bucket."
  value       = aws_s3_bucket.artifacts.id
}

output "artifact_bucket_arn" {
  description = "ARN of the S3 artifact bucket (grant it to other workloads through irsa_ml_workloads)."
  value       = aws_s3_bucket.artifacts.arn
}

output "irsa_role_arn" {
  description = "ARN of the IAM role used by the tracking server's service account."
  value       = local.role_arn
}

output "db_endpoint" {
  description = "Host of the PostgreSQL backend store (the created RDS instance or the host passed in)."
  value       = local.db_host
}
