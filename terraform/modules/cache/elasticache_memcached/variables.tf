variable "name" {
  description = "Name of the cluster; also used for the subnet group, parameter group and security group."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,39}$", var.name))
    error_message = "The name must start with a lowercase letter and have at most 40 lowercase letters, digits and hyphens (ElastiCache cluster IDs are limited to 50 characters)."
  }
}

variable "vpc_id" {
  description = "ID of the VPC in which the cluster's security group is created."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnet IDs for the cache subnet group. Use subnets in at least two AZs with az_mode = \"cross-az\"."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups (for example the EKS node security group) allowed to connect on the Memcached port."
  type        = list(string)
  default     = []
}

variable "allowed_cidr_blocks" {
  description = "CIDR blocks allowed to connect on the Memcached port."
  type        = list(string)
  default     = []
}

variable "node_type" {
  description = "Cache node type. cache.t3.micro is about $6/month per node; cache.r6g.large about $100/month per node."
  type        = string
  default     = "cache.t3.micro"
}

variable "num_cache_nodes" {
  description = "Number of cache nodes. Memcached shards keys across nodes on the client side."
  type        = number
  default     = 2

  validation {
    condition     = var.num_cache_nodes >= 1 && var.num_cache_nodes <= 40
    error_message = "The num_cache_nodes must be between 1 and 40."
  }
}

variable "az_mode" {
  description = "\"single-az\" or \"cross-az\" (nodes spread over the subnet group's AZs; needs num_cache_nodes > 1)."
  type        = string
  default     = "cross-az"

  validation {
    condition     = contains(["single-az", "cross-az"], var.az_mode)
    error_message = "The az_mode must be \"single-az\" or \"cross-az\"."
  }
}

variable "engine_version" {
  description = "Memcached engine version."
  type        = string
  default     = "1.6.22"
}

variable "port" {
  description = "Port on which the cache nodes accept connections."
  type        = number
  default     = 11211
}

variable "parameter_group_name" {
  description = "Name of an existing parameter group to use. When null, the module creates one from parameter_group_family and parameters."
  type        = string
  default     = null
}

variable "parameter_group_family" {
  description = "Family of the parameter group created by the module (when parameter_group_name is null)."
  type        = string
  default     = "memcached1.6"
}

variable "parameters" {
  description = "Memcached parameters for the created parameter group, for example { max_item_size = \"10485760\" }."
  type        = map(string)
  default     = {}
}

variable "transit_encryption_enabled" {
  description = "Enable TLS in transit (Memcached 1.6.12 and later; clients must connect with TLS)."
  type        = bool
  default     = false
}

variable "maintenance_window" {
  description = "Weekly maintenance window (UTC), ddd:hh24:mi-ddd:hh24:mi."
  type        = string
  default     = "sun:05:00-sun:06:00"
}

variable "apply_immediately" {
  description = "Apply modifications immediately instead of during the next maintenance window."
  type        = bool
  default     = false
}

variable "notification_topic_arn" {
  description = "SNS topic for ElastiCache event notifications. Null to disable."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags applied to every resource created by the module."
  type        = map(string)
  default     = {}
}
