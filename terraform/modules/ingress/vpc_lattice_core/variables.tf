variable "name" {
  description = "Name of the VPC Lattice service network (for example \"dev-mlops-services\")."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$", var.name))
    error_message = "The name must be 3-63 characters of lowercase letters, digits and hyphens, and must not start or end with a hyphen."
  }
}

variable "vpc_id" {
  description = "ID of the primary VPC to associate with the service network (usually the EKS VPC)."
  type        = string
}

variable "security_group_ids" {
  description = "Security groups applied to the primary VPC association. They control which clients in the VPC may reach the service network."
  type        = list(string)
  default     = []
}

variable "additional_vpc_associations" {
  description = "Further VPCs in the same region (and account, or shared through RAM) to associate, keyed by a short name."
  type = map(object({
    vpc_id             = string
    security_group_ids = optional(list(string), [])
  }))
  default = {}
}

variable "auth_type" {
  description = "Service network auth type: \"AWS_IAM\" (requests are SigV4-signed and checked against the auth policy) or \"NONE\"."
  type        = string
  default     = "AWS_IAM"

  validation {
    condition     = contains(["AWS_IAM", "NONE"], var.auth_type)
    error_message = "The auth_type must be \"AWS_IAM\" or \"NONE\"."
  }
}

variable "auth_policy" {
  description = "Auth policy JSON for the service network. When null and auth_type is AWS_IAM, a policy is generated from allowed_principal_arns and allowed_organization_id."
  type        = string
  default     = null
}

variable "allowed_principal_arns" {
  description = "IAM principals (roles, accounts) allowed to invoke services in the network, used by the generated auth policy."
  type        = list(string)
  default     = []
}

variable "allowed_organization_id" {
  description = "AWS Organizations ID whose principals may invoke services, used by the generated auth policy. Null to skip."
  type        = string
  default     = null
}

variable "enable_ram_share" {
  description = "Share the service network with other accounts through AWS RAM."
  type        = bool
  default     = false
}

variable "ram_share_principals" {
  description = "Account IDs, organization or OU ARNs to share the service network with (when enable_ram_share is true)."
  type        = list(string)
  default     = []
}

variable "ram_allow_external_principals" {
  description = "Allow sharing with accounts outside the AWS organization."
  type        = bool
  default     = false
}

variable "enable_access_logs" {
  description = "Send service network access logs to a CloudWatch log group."
  type        = bool
  default     = false
}

variable "access_log_retention_days" {
  description = "Retention of the access log group, in days."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags applied to every resource created by the module."
  type        = map(string)
  default     = {}
}
