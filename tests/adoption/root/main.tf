resource "aws_widget" "this" {
  count = var.create ? 1 : 0
  name  = var.name
}
