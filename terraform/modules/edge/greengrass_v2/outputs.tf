output "thing_group_name" {
  description = "Name of the thing group; target Greengrass deployments at it."
  value       = aws_iot_thing_group.this.name
}

output "thing_group_arn" {
  description = "ARN of the thing group (the target_arn of an aws_greengrassv2 deployment)."
  value       = aws_iot_thing_group.this.arn
}

output "thing_arns" {
  description = "ARNs of the IoT things created by the module, keyed by thing name."
  value       = { for name, t in aws_iot_thing.this : name => t.arn }
}

output "token_exchange_role_arn" {
  description = "ARN of the token exchange role assumed by Greengrass core devices."
  value       = aws_iam_role.token_exchange.arn
}

output "token_exchange_role_name" {
  description = "Name of the token exchange role (attach extra component permissions to it)."
  value       = aws_iam_role.token_exchange.name
}

output "role_alias_name" {
  description = "Name of the IoT role alias; pass it to the Greengrass nucleus installer (--tes-role-alias-name)."
  value       = aws_iot_role_alias.this.alias
}

output "role_alias_arn" {
  description = "ARN of the IoT role alias."
  value       = aws_iot_role_alias.this.arn
}

output "iot_policy_name" {
  description = "Name of the IoT policy to attach to the core device certificates."
  value       = aws_iot_policy.this.name
}

output "artifact_bucket_name" {
  description = "Name of the bucket for component artifacts and edge models."
  value       = aws_s3_bucket.artifacts.id
}

output "artifact_bucket_arn" {
  description = "ARN of the bucket for component artifacts and edge models."
  value       = aws_s3_bucket.artifacts.arn
}
