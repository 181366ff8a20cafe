variable "only_in_the_broken_file" {
  description = "Never seen: the file does not parse."
  type        = string
  default     = "x"
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = var.versioning ? "Enabled" : "Suspended"
  }

  depends_on = [aws_s3_bucket.this aws_s3_bucket_public_access_block.this]
}

output "bucket_arn" {
  value = aws_s3_bucket.this.arn
}
