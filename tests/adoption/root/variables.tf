variable "create" {
  description = "Whether to create the widget."
  type        = bool
  default     = true
}

variable "name" {
  description = "Name of the widget."
  type        = string
}
