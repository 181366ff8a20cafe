variable "environment" {
  description = "Name of the environment."
  type        = string
  default     = "dev"
}

variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "us-east-1"
}

variable "cluster_name" {
  description = "Name of the environment's EKS cluster."
  type        = string
  default     = "mlops-dev"
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider."
  type        = string
}

variable "mlflow_artifact_bucket_arn" {
  description = "ARN of the S3 bucket holding MLflow artifacts."
  type        = string
}

variable "dataset_bucket_arns" {
  description = "S3 buckets with shared datasets, read-only for ML workloads."
  type        = list(string)
  default     = []
}
