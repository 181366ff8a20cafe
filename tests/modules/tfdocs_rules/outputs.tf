output "arn" {
  description = "The ARN | with pipe"
  value       = aws_s3_bucket.this.arn
}

# The bucket's ID
output "id" {
  value = aws_s3_bucket.this.id
}
