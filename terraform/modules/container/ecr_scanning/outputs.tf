output "scan_type" {
  description = "Registry scanning type in effect (BASIC or ENHANCED)."
  value       = aws_ecr_registry_scanning_configuration.this.scan_type
}

output "repository_urls" {
  description = "URLs of the created repositories, keyed by name (docker push targets)."
  value       = { for name, r in aws_ecr_repository.this : name => r.repository_url }
}

output "repository_arns" {
  description = "ARNs of the created repositories, keyed by name."
  value       = { for name, r in aws_ecr_repository.this : name => r.arn }
}

output "alert_topic_arn" {
  description = "ARN of the SNS topic that receives finding alerts."
  value       = local.topic_arn
}

output "event_rule_arn" {
  description = "ARN of the EventBridge rule that matches findings."
  value       = aws_cloudwatch_event_rule.findings.arn
}
