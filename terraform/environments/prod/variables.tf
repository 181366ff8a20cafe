variable "region" {
  description = "AWS region of the environment."
  type        = string
  default     = "us-east-1"
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider."
  type        = string
}

variable "mlflow_artifact_bucket_arn" {
  description = "ARN of the S3 bucket holding MLflow artifacts."
  type        = string
}
