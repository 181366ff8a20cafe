output "id" {
  description = "The widget's id."
  value       = try(aws_widget.this[0].id, null)
}
