variable "name_prefix" {
  description = "Prefix of the EventBridge rule and SNS topic names."
  type        = string
}

variable "repository_names" {
  description = "ECR repositories to create with scanning, lifecycle and encryption settings (for example vllm-inference, triton-server)."
  type        = list(string)

  validation {
    condition     = alltrue([for r in var.repository_names : can(regex("^[a-z0-9][a-z0-9._/-]*$", r))])
    error_message = "Repository names must be lowercase letters, digits and . _ - / characters."
  }
}

variable "scan_type" {
  description = "Registry scanning type: \"BASIC\" (free, CVE scan of OS packages) or \"ENHANCED\" (Amazon Inspector, OS and language packages, about $0.09 per image scan)."
  type        = string
  default     = "BASIC"

  validation {
    condition     = contains(["BASIC", "ENHANCED"], var.scan_type)
    error_message = "The scan_type must be \"BASIC\" or \"ENHANCED\"."
  }
}

variable "scan_frequency" {
  description = "Scan frequency: \"SCAN_ON_PUSH\", \"CONTINUOUS_SCAN\" (ENHANCED only) or \"MANUAL\" (BASIC only)."
  type        = string
  default     = "SCAN_ON_PUSH"

  validation {
    condition     = contains(["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"], var.scan_frequency)
    error_message = "The scan_frequency must be \"SCAN_ON_PUSH\", \"CONTINUOUS_SCAN\" or \"MANUAL\"."
  }
}

variable "scan_repository_filter" {
  description = "Wildcard filter of the repositories the registry scanning rule applies to."
  type        = string
  default     = "*"
}

variable "image_tag_mutability" {
  description = "Tag mutability of the created repositories: \"IMMUTABLE\" or \"MUTABLE\"."
  type        = string
  default     = "IMMUTABLE"

  validation {
    condition     = contains(["IMMUTABLE", "MUTABLE"], var.image_tag_mutability)
    error_message = "The image_tag_mutability must be \"IMMUTABLE\" or \"MUTABLE\"."
  }
}

variable "lifecycle_keep_last_images" {
  description = "Number of images each repository keeps; older images expire (fewer images, fewer rescans). 0 disables the lifecycle policy."
  type        = number
  default     = 30
}

variable "kms_key_arn" {
  description = "KMS key for repository encryption. Null uses AES256."
  type        = string
  default     = null
}

variable "force_delete" {
  description = "Allow repositories that still hold images to be deleted (dev only)."
  type        = bool
  default     = false
}

variable "alert_severities" {
  description = "Finding severities that trigger an alert."
  type        = list(string)
  default     = ["CRITICAL"]

  validation {
    condition     = length(var.alert_severities) > 0 && alltrue([for s in var.alert_severities : contains(["CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED"], s)])
    error_message = "The alert_severities must be a non-empty list of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL or UNDEFINED."
  }
}

variable "create_sns_topic" {
  description = "Create the SNS topic for alerts. Set to false and pass sns_topic_arn to use an existing topic."
  type        = bool
  default     = true
}

variable "sns_topic_arn" {
  description = "Existing SNS topic for alerts (when create_sns_topic is false). Its policy must allow events.amazonaws.com to publish."
  type        = string
  default     = null
}

variable "alert_email_addresses" {
  description = "E-mail addresses subscribed to the created alert topic (each must confirm its subscription)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags applied to every resource created by the module."
  type        = map(string)
  default     = {}
}
