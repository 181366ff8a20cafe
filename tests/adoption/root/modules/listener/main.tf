variable "widget_id" {
  description = "The widget the listener belongs to."
  type        = string
}

variable "port" {
  type    = number
  default = 443
}
