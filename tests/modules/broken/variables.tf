variable "bucket_name" {
  description = "Name of the S3 bucket."
  type        = string
}

variable "versioning" {
  description = "Keep every version of every object."
  type        = bool
  default     = true
}

variable "lifecycle_rules" {
  description = "Lifecycle rules, applied in order."
  type = list(object({
    id              = string
    expiration_days = optional(number) # never expire when null
  }))
  default = []
}
