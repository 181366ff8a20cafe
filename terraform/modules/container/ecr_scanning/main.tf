# ECR vulnerability scanning: registry-wide scanning configuration (BASIC or
# ENHANCED through Amazon Inspector), scanned repositories for ML images, and
# EventBridge -> SNS alerts on findings of the chosen severities.

locals {
  topic_arn = var.create_sns_topic ? aws_sns_topic.alerts[0].arn : var.sns_topic_arn

  # BASIC scans report through ECR "ECR Image Scan" events with severity
  # counts; ENHANCED scans report each finding through Inspector.
  severity_matches = [
    for s in var.alert_severities : {
      "finding-severity-counts" = { (s) = [{ numeric = [">", 0] }] }
    }
  ]

  # "$or" needs two or more alternatives, so a single severity is matched
  # directly. The branches have different types, hence the JSON round trip.
  severity_match_json = length(local.severity_matches) == 1 ? jsonencode(local.severity_matches[0]) : jsonencode({ "$or" = local.severity_matches })

  basic_pattern = {
    source        = ["aws.ecr"]
    "detail-type" = ["ECR Image Scan"]
    detail = merge(
      { "scan-status" = ["COMPLETE"] },
      jsondecode(local.severity_match_json),
    )
  }

  enhanced_pattern = {
    source        = ["aws.inspector2"]
    "detail-type" = ["Inspector2 Finding"]
    detail = {
      severity = var.alert_severities
      status   = ["ACTIVE"]
      resources = {
        type = ["AWS_ECR_CONTAINER_IMAGE"]
      }
    }
  }
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  scan_type = var.scan_type

  rule {
    scan_frequency = var.scan_frequency

    repository_filter {
      filter      = var.scan_repository_filter
      filter_type = "WILDCARD"
    }
  }

  lifecycle {
    precondition {
      condition = (
        (var.scan_type == "BASIC" && var.scan_frequency != "CONTINUOUS_SCAN") ||
        (var.scan_type == "ENHANCED" && var.scan_frequency != "MANUAL")
      )
      error_message = "BASIC scanning supports SCAN_ON_PUSH and MANUAL; ENHANCED scanning supports SCAN_ON_PUSH and CONTINUOUS_SCAN."
    }
  }
}

resource "aws_ecr_repository" "this" {
  for_each = toset(var.repository_names)

  name                 = each.value
  image_tag_mutability = var.image_tag_mutability
  force_delete         = var.force_delete

  # Repository-level scan on push; the registry configuration above takes
  # precedence once it is applied.
  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = var.kms_key_arn == null ? "AES256" : "KMS"
    kms_key         = var.kms_key_arn
  }

  tags = var.tags
}

resource "aws_ecr_lifecycle_policy" "this" {
  for_each = var.lifecycle_keep_last_images > 0 ? aws_ecr_repository.this : {}

  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Keep the last ${var.lifecycle_keep_last_images} images"
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = var.lifecycle_keep_last_images
        }
        action = {
          type = "expire"
        }
      },
    ]
  })
}

################################################################################
# Alerts: EventBridge -> SNS
################################################################################

resource "aws_sns_topic" "alerts" {
  count = var.create_sns_topic ? 1 : 0

  name = "${var.name_prefix}-ecr-findings"

  tags = var.tags
}

data "aws_iam_policy_document" "alerts" {
  count = var.create_sns_topic ? 1 : 0

  statement {
    sid       = "AllowEventBridgePublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alerts[0].arn]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com"]
    }
  }
}

resource "aws_sns_topic_policy" "alerts" {
  count = var.create_sns_topic ? 1 : 0

  arn    = aws_sns_topic.alerts[0].arn
  policy = data.aws_iam_policy_document.alerts[0].json
}

resource "aws_sns_topic_subscription" "email" {
  for_each = var.create_sns_topic ? toset(var.alert_email_addresses) : toset([])

  topic_arn = aws_sns_topic.alerts[0].arn
  protocol  = "email"
  endpoint  = each.value
}

resource "aws_cloudwatch_event_rule" "findings" {
  name        = "${var.name_prefix}-ecr-findings"
  description = "ECR image scan findings of severity ${join(", ", var.alert_severities)}"
  event_pattern = (
    var.scan_type == "ENHANCED" ? jsonencode(local.enhanced_pattern) : jsonencode(local.basic_pattern)
  )

  tags = var.tags
}

resource "aws_cloudwatch_event_target" "sns" {
  rule      = aws_cloudwatch_event_rule.findings.name
  target_id = "sns"
  arn       = local.topic_arn

  lifecycle {
    precondition {
      condition     = local.topic_arn != null
      error_message = "Pass sns_topic_arn when create_sns_topic is false."
    }
  }
}
