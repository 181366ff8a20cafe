variable "name" {
  description = "Name of the IAM role."
  type        = string
}

variable "oidc_provider_arn" {
  description = "ARN of the EKS cluster's IAM OIDC provider."
  type        = string
}

variable "service_accounts" {
  description = "Kubernetes service accounts allowed to assume the role (MLflow, training jobs, inference servers, notebooks)."
  type = list(object({
    namespace = string
    name      = string
  }))

  validation {
    condition     = length(var.service_accounts) > 0
    error_message = "At least one service account must be allowed to assume the role."
  }
}

variable "s3_bucket_arns" {
  description = "S3 buckets the workloads may read and write (MLflow artifacts, datasets, checkpoints)."
  type        = list(string)
  default     = []
}

variable "s3_read_only_bucket_arns" {
  description = "S3 buckets the workloads may only read (shared datasets, published models)."
  type        = list(string)
  default     = []
}

variable "ecr_repository_arns" {
  description = "ECR repositories the workloads may pull from (for example images started by pipelines)."
  type        = list(string)
  default     = []
}

variable "secrets_manager_arns" {
  description = "Secrets Manager secrets the workloads may read (database credentials, API tokens)."
  type        = list(string)
  default     = []
}

variable "enable_sagemaker_access" {
  description = "Allow starting and describing SageMaker training and processing jobs."
  type        = bool
  default     = false
}

variable "additional_policy_arns" {
  description = "Further managed policies attached to the role."
  type        = list(string)
  default     = []
}

variable "max_session_duration" {
  description = "Maximum session duration of the role, in seconds."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 3600 && var.max_session_duration <= 43200
    error_message = "The max_session_duration must be between 3600 and 43200 seconds."
  }
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary of the role. Null for none."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags applied to the role and its policy."
  type        = map(string)
  default     = {}
}
