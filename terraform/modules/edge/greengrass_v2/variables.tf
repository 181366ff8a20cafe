variable "name" {
  description = "Name prefix of the thing group, token exchange role, role alias and IoT policy."
  type        = string
}

variable "artifact_bucket_name" {
  description = "Name of the S3 bucket created for Greengrass component artifacts and edge models (globally unique)."
  type        = string
}

variable "artifact_bucket_force_destroy" {
  description = "Allow the artifact bucket to be destroyed while it still holds objects (dev only)."
  type        = bool
  default     = false
}

variable "thing_names" {
  description = "IoT things (one per edge device) to create and add to the thing group. Devices can also be provisioned later by fleet provisioning."
  type        = list(string)
  default     = []
}

variable "thing_group_attributes" {
  description = "Searchable attributes of the thing group (for example site or line)."
  type        = map(string)
  default     = {}
}

variable "model_bucket_arns" {
  description = "ARNs of further S3 buckets the devices may read models from (for example the MLflow artifact bucket)."
  type        = list(string)
  default     = []
}

variable "mqtt_topic_prefix" {
  description = "MQTT topic prefix the devices may publish inference results to and subscribe to commands on."
  type        = string
  default     = "mlops/edge"

  validation {
    condition     = !startswith(var.mqtt_topic_prefix, "/") && !endswith(var.mqtt_topic_prefix, "/")
    error_message = "The mqtt_topic_prefix must not start or end with a slash."
  }
}

variable "role_alias_credential_duration" {
  description = "Lifetime in seconds of the AWS credentials the devices obtain through the role alias."
  type        = number
  default     = 3600

  validation {
    condition     = var.role_alias_credential_duration >= 900 && var.role_alias_credential_duration <= 43200
    error_message = "The role_alias_credential_duration must be between 900 and 43200 seconds."
  }
}

variable "token_exchange_policy_arns" {
  description = "Additional managed policies attached to the token exchange role (the permissions of Greengrass components)."
  type        = list(string)
  default     = []
}

variable "enable_cloudwatch_logs" {
  description = "Allow devices to ship Greengrass and component logs to CloudWatch Logs (log manager component)."
  type        = bool
  default     = true
}

variable "log_retention_days" {
  description = "Retention of the Greengrass log groups created by the module, in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to every resource created by the module."
  type        = map(string)
  default     = {}
}
