variable "name" {
  description = "Name of the queue."
  type        = string
}

variable "fifo" {
  type    = bool
  default = false
}
