variable "widget_id" {
  type = string
}
