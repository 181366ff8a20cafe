output "cluster_id" {
  description = "ID of the ElastiCache cluster."
  value       = aws_elasticache_cluster.this.cluster_id
}

output "cluster_arn" {
  description = "ARN of the ElastiCache cluster."
  value       = aws_elasticache_cluster.this.arn
}

output "configuration_endpoint" {
  description = "Configuration endpoint (host:port) for Memcached clients with auto discovery."
  value       = aws_elasticache_cluster.this.configuration_endpoint
}

output "cluster_address" {
  description = "DNS name of the cluster without the port."
  value       = aws_elasticache_cluster.this.cluster_address
}

output "node_endpoints" {
  description = "Address and port of every cache node, for clients without auto discovery."
  value       = [for n in aws_elasticache_cluster.this.cache_nodes : "${n.address}:${n.port}"]
}

output "port" {
  description = "Port on which the cache accepts connections."
  value       = var.port
}

output "security_group_id" {
  description = "ID of the security group attached to the cache nodes."
  value       = aws_security_group.this.id
}

output "parameter_group_name" {
  description = "Name of the parameter group in use (created by the module or passed in)."
  value       = local.parameter_group_name
}
