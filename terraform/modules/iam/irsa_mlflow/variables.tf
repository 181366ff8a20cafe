variable "role_name" {
  description = "Name of the IAM role."
  type        = string
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider."
  type        = string
}

variable "artifact_bucket_arn" {
  description = "ARN of the MLflow artifact bucket."
  type        = string
}

variable "namespace" {
  description = "Namespace of the MLflow service account."
  type        = string
  default     = "mlflow"
}

variable "service_account_name" {
  description = "Name of the MLflow service account."
  type        = string
  default     = "mlflow"
}

variable "tags" {
  description = "Tags applied to the role."
  type        = map(string)
  default     = {}
}
