output "service_network_id" {
  description = "ID of the VPC Lattice service network."
  value       = aws_vpclattice_service_network.this.id
}

output "service_network_arn" {
  description = "ARN of the VPC Lattice service network (use it to associate services from other modules or accounts)."
  value       = aws_vpclattice_service_network.this.arn
}

output "service_network_name" {
  description = "Name of the VPC Lattice service network."
  value       = aws_vpclattice_service_network.this.name
}

output "vpc_association_ids" {
  description = "IDs of the service network VPC associations, keyed like the associations (\"primary\" plus additional_vpc_associations)."
  value       = { for k, a in aws_vpclattice_service_network_vpc_association.this : k => a.id }
}

output "auth_policy" {
  description = "The auth policy attached to the service network, or null when auth_type is NONE."
  value       = try(aws_vpclattice_auth_policy.this[0].policy, null)
}

output "ram_resource_share_arn" {
  description = "ARN of the RAM resource share, or null when sharing is disabled."
  value       = try(aws_ram_resource_share.this[0].arn, null)
}

output "access_log_group_name" {
  description = "Name of the access log group, or null when access logs are disabled."
  value       = try(aws_cloudwatch_log_group.access_logs[0].name, null)
}
