variable "global_cluster_identifier" {
  description = "Identifier of the Aurora global cluster; the regional clusters are named <identifier>-primary and <identifier>-secondary."
  type        = string
}

variable "engine" {
  description = "Aurora engine: \"aurora-postgresql\" or \"aurora-mysql\"."
  type        = string
  default     = "aurora-postgresql"

  validation {
    condition     = contains(["aurora-postgresql", "aurora-mysql"], var.engine)
    error_message = "The engine must be \"aurora-postgresql\" or \"aurora-mysql\"."
  }
}

variable "engine_version" {
  description = "Engine version; it must support Aurora global databases."
  type        = string
  default     = "15.4"
}

variable "database_name" {
  description = "Name of the database created in the primary cluster."
  type        = string
  default     = "mlflow"
}

variable "master_username" {
  description = "Master user name of the primary cluster."
  type        = string
  default     = "mlops_admin"
}

variable "master_password" {
  description = "Master password of the primary cluster. Pass it from a secret store (for example a TF_VAR_ environment variable), never commit it."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.master_password) >= 8
    error_message = "The master_password must be at least 8 characters long."
  }
}

variable "primary" {
  description = "Network settings of the primary (writer) cluster, in the default aws provider's region."
  type = object({
    vpc_id                     = string
    subnet_ids                 = list(string)
    allowed_security_group_ids = optional(list(string), [])
    allowed_cidr_blocks        = optional(list(string), [])
    instance_count             = optional(number, 2)
  })
}

variable "secondary" {
  description = "Network settings of the secondary (read-only) cluster, in the aws.secondary provider's region. kms_key_id defaults to a key created by the module."
  type = object({
    vpc_id                     = string
    subnet_ids                 = list(string)
    allowed_security_group_ids = optional(list(string), [])
    allowed_cidr_blocks        = optional(list(string), [])
    instance_count             = optional(number, 1)
    kms_key_id                 = optional(string)
  })
}

variable "instance_class" {
  description = "Instance class of every cluster instance. Global databases need memory-optimized classes (db.r5 and later); db.r6g.large is about $190/month per instance."
  type        = string
  default     = "db.r6g.large"

  validation {
    condition     = !startswith(var.instance_class, "db.t")
    error_message = "Aurora global databases do not support burstable (db.t*) instance classes."
  }
}

variable "storage_encrypted" {
  description = "Encrypt storage in both regions."
  type        = bool
  default     = true
}

variable "kms_key_id" {
  description = "KMS key ARN for the primary cluster. Null uses the AWS managed RDS key."
  type        = string
  default     = null
}

variable "backup_retention_period" {
  description = "Days to keep automated backups."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_period >= 1 && var.backup_retention_period <= 35
    error_message = "The backup_retention_period must be between 1 and 35 days."
  }
}

variable "preferred_backup_window" {
  description = "Daily backup window (UTC), hh24:mi-hh24:mi."
  type        = string
  default     = "03:00-04:00"
}

variable "deletion_protection" {
  description = "Protect the global and regional clusters from deletion."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot when the clusters are destroyed (dev only)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags applied to every resource created by the module."
  type        = map(string)
  default     = {}
}
