variable "name" {
  description = "Name of the bucket; see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket_naming_rules.html for the rules"
  type        = string
}

# Tags put on every resource
variable "tags" {
  default = {}
}

variable "legacy" {
  type    = "string"
  default = "a|b"
}

variable "ports" {
  description = "Ports: `from_port` | `to_port`, an _emphasised_ note"
  type        = list(number)
  default     = [80, 443]
}

variable "ratio" {
  default = 0.5
}

variable "nothing" {
  type    = string
  default = null
}

# terraform-docs-ignore
variable "internal" {
  default = true
}

variable "policy" {
  description = <<-EOT
    First line
    second_line with words.
  EOT
  type        = string
  default     = <<-EOT
    {"a": 1}
  EOT
}
