variable "name" {
  description = "Name of the cache cluster."
  type        = string
}

variable "nodes" {
  description = "Number of cache nodes."
  type        = number
  default     = 1
}

output "endpoint" {
  description = "Where clients connect."
  value       = "${var.name}.cache.internal"
}
