variable "bucket" {
  description = "Bucket for experiment artifacts."
  type        = string
}
