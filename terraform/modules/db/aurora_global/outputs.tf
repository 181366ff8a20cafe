output "global_cluster_id" {
  description = "ID of the Aurora global cluster."
  value       = aws_rds_global_cluster.this.id
}

output "global_cluster_arn" {
  description = "ARN of the Aurora global cluster."
  value       = aws_rds_global_cluster.this.arn
}

output "primary_region" {
  description = "Region of the primary (writer) cluster."
  value       = data.aws_region.primary.name
}

output "primary_writer_endpoint" {
  description = "Writer endpoint of the primary cluster (MLflow and Feast writes go here)."
  value       = aws_rds_cluster.primary.endpoint
}

output "primary_reader_endpoint" {
  description = "Reader endpoint of the primary cluster."
  value       = aws_rds_cluster.primary.reader_endpoint
}

output "secondary_region" {
  description = "Region of the secondary (read-only) cluster."
  value       = data.aws_region.secondary.name
}

output "secondary_reader_endpoint" {
  description = "Reader endpoint of the secondary cluster, for local reads in that region."
  value       = aws_rds_cluster.secondary.reader_endpoint
}

output "port" {
  description = "Database port (5432 for PostgreSQL, 3306 for MySQL)."
  value       = local.port
}

output "primary_security_group_id" {
  description = "Security group of the primary cluster."
  value       = aws_security_group.primary.id
}

output "secondary_security_group_id" {
  description = "Security group of the secondary cluster."
  value       = aws_security_group.secondary.id
}
